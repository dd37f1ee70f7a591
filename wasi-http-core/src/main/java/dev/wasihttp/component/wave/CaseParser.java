package dev.wasihttp.component.wave;

import dev.wasihttp.component.types.EnumType;
import dev.wasihttp.component.types.OptionType;
import dev.wasihttp.component.types.ResultType;
import dev.wasihttp.component.types.ValType;
import dev.wasihttp.component.types.VariantType;
import dev.wasihttp.component.values.Val;
import dev.wasihttp.component.wave.Token.Kind;

/**
 * The case forms: variants {@code case(payload)}, enums {@code case}, options {@code some(x)} /
 * {@code none} and results {@code ok(x)} / {@code err(x)} (WAVE README, "Variants" to "Results"). A
 * case named like a keyword is written with {@code %}; {@code some} and {@code ok} may be left out
 * around a payload that is not itself an option or result.
 */
final class CaseParser {
  private CaseParser() {}

  /** A variant case, with its payload in parentheses when the case has a type. */
  static Val variant(ValueParser parser, VariantType type) throws WaveException {
    Token t = parser.lexer().next();
    checkCaseLabel(parser, type, t, type.indexOf(t.text()) >= 0);
    String name = t.label();
    int index = type.indexOf(name);
    if (index < 0) {
      throw ValueParser.unknown(
          "case", name, t, type.cases().stream().map(VariantType.Case::name).toList());
    }
    ValType payloadType = type.cases().get(index).type();
    Val payload = payload(parser, name, payloadType);
    return new Val.Variant(name, payload);
  }

  /** An enum case. */
  static Val enumCase(ValueParser parser, EnumType type) throws WaveException {
    Token t = parser.lexer().next();
    checkCaseLabel(parser, type, t, type.names().contains(t.text()));
    String name = t.label();
    if (!type.names().contains(name)) {
      throw ValueParser.unknown("case", name, t, type.names());
    }
    payload(parser, name, null);
    return new Val.EnumValue(name);
  }

  /** A case must be a label; a bare keyword is never a case name (it needs {@code %}). */
  private static void checkCaseLabel(
      ValueParser parser, ValType type, Token t, boolean keywordIsCase) throws WaveException {
    if (t.kind() != Kind.LABEL) {
      throw parser.expected(type, t, null);
    }
    if (t.isAnyKeyword()) {
      throw parser.expected(
          type,
          t,
          keywordIsCase
              ? "a case named like a keyword is written %" + t.text()
              : "a keyword, not a case");
    }
  }

  /** The parenthesized payload of case {@code name}, present exactly when it has a type. */
  private static Val payload(ValueParser parser, String name, ValType type) throws WaveException {
    Token t = parser.lexer().peek();
    if (type == null) {
      if (t.kind() == Kind.PAREN_OPEN) {
        throw new WaveException(
            "unexpected payload at " + t.start() + ": " + name + " has none", t.start());
      }
      return null;
    }
    if (t.kind() != Kind.PAREN_OPEN) {
      throw new WaveException(
          "missing payload at "
              + t.start()
              + ": expected "
              + name
              + "("
              + ValueParser.describe(type)
              + "), found "
              + parser.lexer().found(t),
          t.start());
    }
    parser.lexer().next();
    Val v = parser.value(type);
    parser.lexer().expect(Kind.PAREN_CLOSE, "to close the payload of " + name);
    return v;
  }

  /** {@code some(x)}, {@code none}, or a bare {@code x} when it is not an option or result. */
  static Val option(ValueParser parser, OptionType type) throws WaveException {
    Token t = parser.lexer().peek();
    if (t.isKeyword("some")) {
      parser.lexer().next();
      return Val.Option.some(payload(parser, "some", type.type()));
    } else if (t.isKeyword("none")) {
      parser.lexer().next();
      payload(parser, "none", null);
      return Val.Option.none();
    } else if (flattenable(type.type())) {
      return Val.Option.some(parser.value(type.type()));
    }
    throw parser.expected(type, parser.lexer().next(), "write some(...) or none");
  }

  /** {@code ok}/{@code err} with or without payload, or a bare ok payload where allowed. */
  static Val result(ValueParser parser, ResultType type) throws WaveException {
    Token t = parser.lexer().peek();
    if (t.isKeyword("ok") || t.isKeyword("err")) {
      parser.lexer().next();
      boolean ok = t.text().equals("ok");
      return new Val.Result(ok, payload(parser, t.text(), ok ? type.ok() : type.err()));
    } else if (type.ok() != null && flattenable(type.ok())) {
      return Val.Result.ok(parser.value(type.ok()));
    }
    throw parser.expected(
        type,
        parser.lexer().next(),
        "write ok"
            + (type.ok() == null ? "" : "(...)")
            + " or err"
            + (type.err() == null ? "" : "(...)"));
  }

  /** Whether a {@code some}/{@code ok} payload may be written bare (WAVE README, "Options"). */
  private static boolean flattenable(ValType payload) {
    return !(payload instanceof OptionType) && !(payload instanceof ResultType);
  }
}
