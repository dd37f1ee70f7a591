package dev.wasihttp.component.wave;

import static dev.wasihttp.component.types.PrimitiveType.BOOL;
import static dev.wasihttp.component.types.PrimitiveType.CHAR;
import static dev.wasihttp.component.types.PrimitiveType.F32;
import static dev.wasihttp.component.types.PrimitiveType.F64;
import static dev.wasihttp.component.types.PrimitiveType.S16;
import static dev.wasihttp.component.types.PrimitiveType.S32;
import static dev.wasihttp.component.types.PrimitiveType.S64;
import static dev.wasihttp.component.types.PrimitiveType.S8;
import static dev.wasihttp.component.types.PrimitiveType.STRING;
import static dev.wasihttp.component.types.PrimitiveType.U16;
import static dev.wasihttp.component.types.PrimitiveType.U32;
import static dev.wasihttp.component.types.PrimitiveType.U64;
import static dev.wasihttp.component.types.PrimitiveType.U8;
import static dev.wasihttp.component.wave.WaveTypes.canonical;
import static dev.wasihttp.component.wave.WaveTypes.enumOf;
import static dev.wasihttp.component.wave.WaveTypes.field;
import static dev.wasihttp.component.wave.WaveTypes.flags;
import static dev.wasihttp.component.wave.WaveTypes.list;
import static dev.wasihttp.component.wave.WaveTypes.option;
import static dev.wasihttp.component.wave.WaveTypes.payload;
import static dev.wasihttp.component.wave.WaveTypes.plain;
import static dev.wasihttp.component.wave.WaveTypes.record;
import static dev.wasihttp.component.wave.WaveTypes.result;
import static dev.wasihttp.component.wave.WaveTypes.tuple;
import static dev.wasihttp.component.wave.WaveTypes.variant;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasihttp.component.types.RecordType;
import dev.wasihttp.component.types.ValType;
import dev.wasihttp.component.types.VariantType;
import dev.wasihttp.component.values.Val;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reading WAVE and writing it back: every type family round-trips to its canonical text, and the
 * accepted variations (flattened options, omitted fields, trailing commas, comments, escapes)
 * normalize to it.
 */
class WaveValuesTest {

  /** Parses {@code text} and checks the value prints as {@code text} again. */
  private static void roundTrips(ValType type, String... texts) throws WaveException {
    for (String text : texts) {
      assertEquals(text, canonical(text, type), () -> type.wit() + ": " + text);
    }
  }

  @Test
  void booleansAndIntegersAtTheirLimits() throws WaveException {
    roundTrips(BOOL, "true", "false");
    roundTrips(S8, "-128", "0", "127");
    roundTrips(U8, "0", "255");
    roundTrips(S16, "-32768", "32767");
    roundTrips(U16, "65535");
    roundTrips(S32, "-2147483648", "2147483647");
    roundTrips(U32, "4294967295");
    roundTrips(S64, "-9223372036854775808", "9223372036854775807");
    roundTrips(U64, "0", "18446744073709551615");
    assertEquals(new Val.U64(-1L), Wave.parse("18446744073709551615", U64));
    assertEquals("0", canonical("-0", S32));
  }

  @Test
  void floatsPrintShortestWithoutExponent() throws WaveException {
    roundTrips(F64, "1.5", "-0", "0", "nan", "inf", "-inf", "0.1", "100000", "3.141592653589793");
    assertEquals("602200000000000000000000", canonical("6.022e+23", F64));
    assertEquals("0.0000001", canonical("1e-7", F64));
    assertEquals("1", canonical("1.0", F64));
    assertEquals("-3.1415", canonical("-3.1415", F32));
    // f32 keeps its own shortest digits: 0.1f is 0.100000001490116... as a double.
    assertEquals("0.1", canonical("0.1", F32));
    assertEquals("1.7976931348623157", canonical("1.7976931348623157", F64));
    assertEquals("17976931348623157" + "0".repeat(292), Wave.print(new Val.F64(Double.MAX_VALUE)));
    assertEquals(
        "0.000000000000000000000000000000000000000000001",
        Wave.print(new Val.F32(Float.MIN_VALUE)));
    assertEquals("nan", Wave.print(new Val.F32(Float.intBitsToFloat(0x7fc00001))));
  }

  @Test
  void floatsFromTheWaveTestSuiteExamples() throws WaveException {
    ValType f32s = list(F32);
    assertEquals(
        "[0, 0, 0, 0, 0, 0, 0]", canonical("[0, 0.0, 0e0, 0.0e0, 0e-1, 0e+1, 0.000e100]", f32s));
    assertEquals("[-3.1415, -100000, -0]", canonical("[-3.1415, -100000, -0.0e-0]", f32s));
    assertEquals("340282350000000000000000000000000000000", canonical("3.4028234664e38", F32));
    assertEquals("inf", canonical("3.4028234664e39", F32));
    assertEquals("0", canonical("1.4012984643e-46", F32));
    // Integers are valid float text.
    assertEquals(new Val.F64(42), Wave.parse("42", F64));
  }

  @Test
  void charsEscapeWhatTheWriterEscapes() throws WaveException {
    roundTrips(CHAR, "'x'", "'🌊'", "'☃'", "'\\''", "'\\\"'", "'\\\\'", "'\\t'", "'\\n'", "'\\r'");
    roundTrips(CHAR, "'\\u{0}'", "'\\u{7f}'", "'\\u{301}'", "'\\u{200b}'", "'\\u{a0}'");
    assertEquals("'\\\"'", canonical("'\"'", CHAR));
    assertEquals("'x'", canonical("'\\u{000078}'", CHAR));
    assertEquals("'☃'", canonical("'\\u{2603}'", CHAR));
    assertEquals(new Val.Char(0x1f30a), Wave.parse("'\\u{1F30A}'", CHAR));
  }

  @Test
  void stringsEscapeQuotesOfBothKinds() throws WaveException {
    roundTrips(STRING, "\"\"", "\"abc\\t123\"", "\"WAVE🌊\"", "\"\\\\\\'\\\"\\t\\n\\r\"");
    assertEquals("\"\\'\\'\\'\"", canonical("\"'\\'\\u{27}\"", STRING));
    assertEquals("\"👋 Hello, world! 👋\"", canonical("\"👋 Hello, world! 👋\"", STRING));
    assertEquals("\"a\\u{0}b\"", Wave.print(new Val.Str("a\0b")));
  }

  @Test
  void multilineStringsDedentToTheClosingDelimiter() throws WaveException {
    assertEquals(new Val.Str("A single line"), Wave.parse("\"\"\"\nA single line\n\"\"\"", STRING));
    assertEquals(
        new Val.Str("  Indentation determined\n    by ending delimiter"),
        Wave.parse(
            "\"\"\"\n    Indentation determined\n      by ending delimiter\n  \"\"\"", STRING));
    assertEquals(
        new Val.Str(
            "Must escape carriage return at end of line: \r\nMust break up double quote"
                + " triplets: \"\"\"\""),
        Wave.parse(
            "\"\"\"\n  Must escape carriage return at end of line: \\r\n"
                + "  Must break up double quote triplets: \"\"\\\"\"\n  \"\"\"",
            STRING));
    assertEquals(new Val.Str(""), Wave.parse("\"\"\"\n\"\"\"", STRING));
    assertEquals(
        new Val.Str("\nleading and trailing empty lines stay\n"),
        Wave.parse("\"\"\"\n\nleading and trailing empty lines stay\n\n\"\"\"", STRING));
    assertEquals(
        new Val.Str("crlf\nlines"), Wave.parse("\"\"\"\r\ncrlf\r\nlines\r\n\"\"\"", STRING));
  }

  @Test
  void listsAndTuplesAllowTrailingCommas() throws WaveException {
    roundTrips(list(U8), "[]", "[1]", "[1, 2, 3]");
    assertEquals("[1, 2]", canonical("[ 1 ,2, ]", list(U8)));
    assertEquals("[['a', 'b'], []]", canonical("[['a','b'],[]]", list(list(CHAR))));
    roundTrips(tuple(U8, STRING), "(123, \"abc\")");
    assertEquals("(1, true)", canonical("(1, true,)", tuple(U8, BOOL)));
  }

  @Test
  void recordsTakeFieldsInAnyOrderAndOmitNoneFields() throws WaveException {
    RecordType example = record(field("must-have", U8), field("optional", option(U8)));
    roundTrips(example, "{must-have: 123}", "{must-have: 123, optional: some(4)}");
    assertEquals("{must-have: 123}", canonical("{must-have: 123, optional: none,}", example));
    assertEquals(
        "{must-have: 1, optional: some(2)}", canonical("{optional: 2, must-have: 1}", example));
    assertEquals(
        new Val.RecordValue(
            List.of(
                new Val.RecordValue.Field("must-have", new Val.U8(123)),
                new Val.RecordValue.Field("optional", Val.Option.none()))),
        Wave.parse("{must-have: 123}", example));
    RecordType allOptional = record(field("optional", option(U8)));
    roundTrips(allOptional, "{:}");
    assertEquals("{:}", canonical("{ : }", allOptional));
    assertEquals("{:}", canonical("{optional: none}", allOptional));
    RecordType keywords =
        record(field("true", BOOL), field("none", option(U8)), field("ok", result(null, null)));
    assertEquals("{true: true, ok: ok}", canonical("{%true: true, none: none, ok: ok}", keywords));
  }

  @Test
  void variantsAndEnumsUsePercentForKeywordCases() throws WaveException {
    VariantType response =
        variant(plain("empty"), payload("body", list(U8)), payload("err", STRING));
    roundTrips(response, "empty", "body([79, 75])", "%err(\"oops\")");
    VariantType days = variant(payload("days", U32), plain("forever"));
    roundTrips(days, "days(30)", "forever");
    roundTrips(enumOf("ok", "not-found"), "%ok", "not-found");
    roundTrips(enumOf("north", "south", "west"), "south", "west");
    assertEquals("left", canonical("%left", enumOf("left", "right")));
    ValType keywords =
        list(
            variant(
                payload("true", U8),
                plain("false"),
                payload("inf", U8),
                plain("nan"),
                payload("some", U8),
                plain("none"),
                payload("ok", U8),
                plain("err")));
    roundTrips(keywords, "[%true(1), %false, %inf(1), %nan, %some(1), %none, %ok(1), %err]");
    roundTrips(enumOf("HTTP3", "method-GET"), "HTTP3", "method-GET");
  }

  @Test
  void optionsMayBeFlatUnlessNested() throws WaveException {
    roundTrips(option(U8), "some(123)", "none");
    assertEquals("some(123)", canonical("123", option(U8)));
    assertEquals("some(\"flat some\")", canonical("\"flat some\"", option(STRING)));
    roundTrips(option(option(U8)), "some(some(1))", "some(none)", "none");
    assertEquals("some(none)", canonical("some(none)", option(option(U8))));
    assertEquals("some({})", canonical("{}", option(flags("a"))));
  }

  @Test
  void resultsMayBeFlatWhenOkHasAPayload() throws WaveException {
    roundTrips(result(U8, null), "ok(123)", "err");
    assertEquals("ok(123)", canonical("123", result(U8, null)));
    roundTrips(result(null, STRING), "ok", "err(\"oops\")");
    roundTrips(result(null, null), "ok", "err");
    roundTrips(result(U8, U8), "ok(1)", "err(2)");
    roundTrips(result(option(U8), null), "ok(some(1))", "ok(none)");
    assertEquals("ok(\"flat ok\")", canonical("\"flat ok\"", result(STRING, STRING)));
  }

  @Test
  void flagsComeOutInTheTypesOrder() throws WaveException {
    ValType perms = flags("read", "write", "exec");
    roundTrips(perms, "{}", "{read}", "{read, write}", "{read, write, exec}");
    assertEquals("{read, write}", canonical("{write, read,}", perms));
    assertEquals("{read}", canonical("{ %read }", perms));
  }

  @Test
  void commentsAndWhitespaceAroundTokens() throws WaveException {
    RecordType basic = record(field("required", U8), field("optional", option(U8)));
    String text =
        "// leading comment\n{                 // comment\n  required: 1,    // comment\n"
            + "  optional: some( // comment\n    1             // comment\n  ),\n}  // end";
    assertEquals("{required: 1, optional: some(1)}", canonical(text, basic));
    assertEquals("7", canonical(" \t\r\n7\n", U8));
  }

  @Test
  void theReadmeTable() throws WaveException {
    assertEquals("3.14", canonical("3.14", F64));
    assertEquals("'\\''", canonical("'\\''", CHAR));
    assertEquals("(\"abc\", 123)", canonical("(\"abc\", 123)", tuple(STRING, U32)));
    assertEquals(
        "{field-a: 1, field-b: \"two\"}",
        canonical(
            "{field-a: 1, field-b: \"two\"}",
            record(field("field-a", U8), field("field-b", STRING))));
    assertEquals("['a', 'b', 'c']", canonical("['a', 'b', 'c']", list(CHAR)));
    assertEquals("some(\"explicit some\")", canonical("some(\"explicit some\")", option(STRING)));
  }
}
