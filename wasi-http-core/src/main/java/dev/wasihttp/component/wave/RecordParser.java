package dev.wasihttp.component.wave;

import dev.wasihttp.component.types.FlagsType;
import dev.wasihttp.component.types.OptionType;
import dev.wasihttp.component.types.RecordType;
import dev.wasihttp.component.values.Val;
import dev.wasihttp.component.wave.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * The two braced forms: records {@code {a: 1, b: 2}} (WAVE README, "Records") and flags {@code
 * {read, write}} ("Flags"). Both accept their items in any order and a trailing comma; values come
 * out in the type's order.
 */
final class RecordParser {
  private RecordParser() {}

  /**
   * A record. Fields of option type may be left out and read as {@code none}; a record with every
   * field left out is {@code {:}}, as {@code {}} is empty flags.
   */
  static Val record(ValueParser parser, RecordType type) throws WaveException {
    Lexer lex = parser.lexer();
    Token open = lex.next();
    if (open.kind() != Kind.BRACE_OPEN) {
      throw parser.expected(type, open, null);
    }
    List<RecordType.Field> fields = type.fields();
    Val[] values = new Val[fields.size()];
    Token t = lex.peek();
    if (t.kind() == Kind.COLON) {
      lex.next();
      lex.expect(Kind.BRACE_CLOSE, "to close the empty record {:}");
    } else if (t.kind() == Kind.BRACE_CLOSE) {
      lex.next();
      throw new WaveException(
          "expected "
              + ValueParser.describe(type)
              + " at "
              + open.start()
              + ", found \"{}\" (empty flags; a record whose fields are all left out is {:})",
          open.start());
    } else {
      boolean first = true;
      while (!parser.closes(Kind.BRACE_CLOSE, first)) {
        first = false;
        field(parser, type, values);
      }
    }
    List<Val.RecordValue.Field> out = new ArrayList<>(fields.size());
    for (int i = 0; i < fields.size(); i++) {
      RecordType.Field f = fields.get(i);
      Val v = values[i];
      if (v == null) {
        if (!(f.type() instanceof OptionType)) {
          throw new WaveException(
              "missing field \""
                  + f.name()
                  + "\" ("
                  + ValueParser.describe(f.type())
                  + ") in the record at "
                  + open.start(),
              open.start());
        }
        v = Val.Option.none();
      }
      out.add(new Val.RecordValue.Field(f.name(), v));
    }
    return new Val.RecordValue(out);
  }

  private static void field(ValueParser parser, RecordType type, Val[] values)
      throws WaveException {
    Lexer lex = parser.lexer();
    Token label = lex.next();
    if (label.kind() != Kind.LABEL) {
      throw new WaveException(
          "expected a field name at " + label.start() + ", found " + lex.found(label),
          label.start());
    }
    String name = label.label();
    int index = indexOf(type, name);
    if (index < 0) {
      throw ValueParser.unknown(
          "field", name, label, type.fields().stream().map(RecordType.Field::name).toList());
    }
    if (values[index] != null) {
      throw new WaveException(
          "duplicate field \"" + name + "\" at " + label.start(), label.start());
    }
    Token colon = lex.next();
    if (colon.kind() != Kind.COLON) {
      throw new WaveException(
          "expected \":\" after field \""
              + name
              + "\" at "
              + colon.start()
              + ", found "
              + lex.found(colon)
              + (colon.kind() == Kind.COMMA || colon.kind() == Kind.BRACE_CLOSE
                  ? " (this looks like flags; the type is a record)"
                  : ""),
          colon.start());
    }
    values[index] = parser.value(type.fields().get(index).type());
  }

  private static int indexOf(RecordType type, String name) {
    for (int i = 0; i < type.fields().size(); i++) {
      if (type.fields().get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** Flags: the set names, any order, each at most once; {@code {}} is the empty set. */
  static Val flags(ValueParser parser, FlagsType type) throws WaveException {
    Lexer lex = parser.lexer();
    Token open = lex.next();
    if (open.kind() != Kind.BRACE_OPEN) {
      throw parser.expected(type, open, null);
    }
    boolean[] set = new boolean[type.names().size()];
    boolean first = true;
    while (!parser.closes(Kind.BRACE_CLOSE, first)) {
      first = false;
      Token label = lex.next();
      if (label.kind() != Kind.LABEL) {
        throw new WaveException(
            "expected a flag name at " + label.start() + ", found " + lex.found(label),
            label.start());
      }
      if (lex.peek().kind() == Kind.COLON) {
        Token colon = lex.peek();
        throw new WaveException(
            "unexpected \":\" at "
                + colon.start()
                + " (this looks like a record; the type is "
                + ValueParser.describe(type)
                + ")",
            colon.start());
      }
      String name = label.label();
      int index = type.names().indexOf(name);
      if (index < 0) {
        throw ValueParser.unknown("flag", name, label, type.names());
      }
      if (set[index]) {
        throw new WaveException(
            "duplicate flag \"" + name + "\" at " + label.start(), label.start());
      }
      set[index] = true;
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < set.length; i++) {
      if (set[i]) {
        names.add(type.names().get(i));
      }
    }
    return new Val.Flags(names);
  }
}
