package dev.wasihttp.component.wave;

import dev.wasihttp.component.types.EnumType;
import dev.wasihttp.component.types.FlagsType;
import dev.wasihttp.component.types.ListType;
import dev.wasihttp.component.types.OptionType;
import dev.wasihttp.component.types.PrimitiveType;
import dev.wasihttp.component.types.RecordType;
import dev.wasihttp.component.types.ResultType;
import dev.wasihttp.component.types.TupleType;
import dev.wasihttp.component.types.ValType;
import dev.wasihttp.component.types.VariantType;
import dev.wasihttp.component.values.Val;
import dev.wasihttp.component.wave.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one WAVE value of a known type. WAVE is type-directed: {@code {a, b}} is flags or a record,
 * a bare label is a case, {@code 7} may be an integer or a flattened {@code some(7)}, all depending
 * on the type; so this parser follows the type instead of building a syntax tree.
 */
final class ValueParser {
  private static final int MAX_TYPE_TEXT = 48;

  private final Lexer lex;

  ValueParser(Lexer lex) {
    this.lex = lex;
  }

  /** Reads a value of {@code type} that must span the rest of the input. */
  Val parseAll(ValType type) throws WaveException {
    Val v = value(type);
    Token t = lex.next();
    if (t.kind() != Kind.END) {
      throw new WaveException(
          "unexpected "
              + lex.found(t)
              + " at "
              + t.start()
              + " after the value (expected end of input)",
          t.start());
    }
    return v;
  }

  /** Reads a value of {@code type}, leaving the lexer after it. */
  Val value(ValType type) throws WaveException {
    return switch (type.kind()) {
      case BOOL, S8, U8, S16, U16, S32, U32, S64, U64, F32, F64, CHAR, STRING ->
          primitive((PrimitiveType) type);
      case LIST -> list((ListType) type);
      case TUPLE -> tuple((TupleType) type);
      case RECORD -> RecordParser.record(this, (RecordType) type);
      case FLAGS -> RecordParser.flags(this, (FlagsType) type);
      case VARIANT -> CaseParser.variant(this, (VariantType) type);
      case ENUM -> CaseParser.enumCase(this, (EnumType) type);
      case OPTION -> CaseParser.option(this, (OptionType) type);
      case RESULT -> CaseParser.result(this, (ResultType) type);
      case OWN, BORROW -> {
        Token t = lex.peek();
        throw new WaveException(
            "expected "
                + describe(type)
                + " at "
                + t.start()
                + ", but resource handles have no WAVE"
                + " form",
            t.start());
      }
    };
  }

  /** The token source, shared with {@link RecordParser} and {@link CaseParser}. */
  Lexer lexer() {
    return lex;
  }

  private Val primitive(PrimitiveType type) throws WaveException {
    Token t = lex.next();
    return switch (type) {
      case BOOL -> {
        if (t.isKeyword("true") || t.isKeyword("false")) {
          yield new Val.Bool(t.text().equals("true"));
        }
        throw expected(type, t, null);
      }
      case S8 -> new Val.S8((byte) integer(type, t, Byte.MIN_VALUE, Byte.MAX_VALUE));
      case U8 -> new Val.U8((int) integer(type, t, 0, 0xff));
      case S16 -> new Val.S16((short) integer(type, t, Short.MIN_VALUE, Short.MAX_VALUE));
      case U16 -> new Val.U16((int) integer(type, t, 0, 0xffff));
      case S32 -> new Val.S32((int) integer(type, t, Integer.MIN_VALUE, Integer.MAX_VALUE));
      case U32 -> new Val.U32(integer(type, t, 0, 0xffff_ffffL));
      case S64 -> new Val.S64(integer(type, t, Long.MIN_VALUE, Long.MAX_VALUE));
      case U64 -> new Val.U64(u64(t));
      case F32 -> new Val.F32((float) floating(type, t));
      case F64 -> new Val.F64(floating(type, t));
      case CHAR -> {
        if (t.kind() == Kind.CHAR) {
          yield new Val.Char(t.text().codePointAt(0));
        }
        throw expected(type, t, null);
      }
      case STRING -> {
        if (t.kind() == Kind.STRING) {
          yield new Val.Str(t.text());
        }
        throw expected(type, t, null);
      }
    };
  }

  private String integerText(PrimitiveType type, Token t) throws WaveException {
    if (t.kind() != Kind.NUMBER) {
      throw expected(type, t, null);
    }
    String s = t.text();
    if (s.equals("-inf") || s.indexOf('.') >= 0 || s.indexOf('e') >= 0 || s.indexOf('E') >= 0) {
      throw expected(type, t, "not an integer");
    }
    boolean unsigned = type.wit().startsWith("u");
    if (unsigned && s.startsWith("-")) {
      throw expected(type, t, "out of range");
    }
    return s;
  }

  private long integer(PrimitiveType type, Token t, long min, long max) throws WaveException {
    String s = integerText(type, t);
    long v;
    try {
      v = Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw expected(type, t, "out of range");
    }
    if (v < min || v > max) {
      throw expected(type, t, "out of range");
    }
    return v;
  }

  private long u64(Token t) throws WaveException {
    String s = integerText(PrimitiveType.U64, t);
    try {
      return Long.parseUnsignedLong(s);
    } catch (NumberFormatException e) {
      throw expected(PrimitiveType.U64, t, "out of range");
    }
  }

  private double floating(PrimitiveType type, Token t) throws WaveException {
    if (t.isKeyword("nan")) {
      return Double.NaN;
    } else if (t.isKeyword("inf")) {
      return Double.POSITIVE_INFINITY;
    } else if (t.kind() != Kind.NUMBER) {
      throw expected(type, t, null);
    } else if (t.text().equals("-inf")) {
      return Double.NEGATIVE_INFINITY;
    }
    // Each width rounds once, from the decimal text (a float must not round via a double).
    return type == PrimitiveType.F32 ? Float.parseFloat(t.text()) : Double.parseDouble(t.text());
  }

  private Val list(ListType type) throws WaveException {
    Token open = lex.next();
    if (open.kind() != Kind.BRACKET_OPEN) {
      throw expected(type, open, null);
    }
    List<Val> elements = new ArrayList<>();
    while (!closes(Kind.BRACKET_CLOSE, elements.isEmpty())) {
      elements.add(value(type.element()));
    }
    return new Val.ListValue(elements);
  }

  private Val tuple(TupleType type) throws WaveException {
    Token open = lex.next();
    if (open.kind() != Kind.PAREN_OPEN) {
      throw expected(type, open, null);
    }
    List<ValType> types = type.types();
    List<Val> values = new ArrayList<>();
    while (!closes(Kind.PAREN_CLOSE, values.isEmpty())) {
      Token at = lex.peek();
      if (values.size() == types.size()) {
        throw new WaveException(
            "too many values for "
                + describe(type)
                + " at "
                + at.start()
                + " (it has "
                + types.size()
                + ")",
            at.start());
      }
      values.add(value(types.get(values.size())));
    }
    if (values.size() != types.size()) {
      throw new WaveException(
          "expected "
              + types.size()
              + " values for "
              + describe(type)
              + " at "
              + open.start()
              + ", found "
              + values.size(),
          open.start());
    }
    return new Val.Tuple(values);
  }

  /**
   * Between the items of a list, tuple, record or flags: consumes a separating comma or the closing
   * token and returns true at the end. Trailing commas are allowed, leading ones not.
   */
  boolean closes(Kind close, boolean first) throws WaveException {
    Token t = lex.peek();
    if (t.kind() == close) {
      lex.next();
      return true;
    }
    if (first) {
      return false;
    }
    if (t.kind() != Kind.COMMA) {
      throw new WaveException(
          "expected \",\" or "
              + close.description()
              + " at "
              + t.start()
              + ", found "
              + lex.found(t),
          t.start());
    }
    lex.next();
    if (lex.peek().kind() == close) {
      lex.next();
      return true;
    }
    return false;
  }

  /** {@code expected TYPE at N, found "TEXT" (DETAIL)}. */
  WaveException expected(ValType type, Token found, String detail) {
    return new WaveException(
        "expected "
            + describe(type)
            + " at "
            + found.start()
            + ", found "
            + lex.found(found)
            + (detail == null ? "" : " (" + detail + ")"),
        found.start());
  }

  /** {@code unknown WHAT "NAME" at N (expected one of: a, b)}. */
  static WaveException unknown(String what, String name, Token at, List<String> known) {
    return new WaveException(
        "unknown "
            + what
            + " \""
            + name
            + "\" at "
            + at.start()
            + " (expected one of: "
            + String.join(", ", known)
            + ")",
        at.start());
  }

  /** A type as messages show it: its WIT, or just its kind when that would be long. */
  static String describe(ValType type) {
    String wit = type.wit();
    if (type.kind() == ValType.Kind.OWN) {
      return "own<" + wit + ">";
    }
    if (wit.length() <= MAX_TYPE_TEXT) {
      return wit;
    }
    int cut = wit.indexOf(' ');
    int angle = wit.indexOf('<');
    if (angle >= 0 && (cut < 0 || angle < cut)) {
      cut = angle;
    }
    return cut > 0 ? wit.substring(0, cut) : wit;
  }
}
