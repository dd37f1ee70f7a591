package dev.wasihttp.component.wave;

import static dev.wasihttp.component.types.PrimitiveType.BOOL;
import static dev.wasihttp.component.types.PrimitiveType.CHAR;
import static dev.wasihttp.component.types.PrimitiveType.F32;
import static dev.wasihttp.component.types.PrimitiveType.S8;
import static dev.wasihttp.component.types.PrimitiveType.STRING;
import static dev.wasihttp.component.types.PrimitiveType.U32;
import static dev.wasihttp.component.types.PrimitiveType.U64;
import static dev.wasihttp.component.types.PrimitiveType.U8;
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
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wasihttp.component.types.OwnType;
import dev.wasihttp.component.types.RecordType;
import dev.wasihttp.component.types.ResourceType;
import dev.wasihttp.component.types.ValType;
import org.junit.jupiter.api.Test;

/** Every way a WAVE text can be refused, with the message and offset the user sees. */
class WaveErrorsTest {
  private static final RecordType BASIC =
      record(field("required", U8), field("optional", option(U8)));

  /** Parses {@code text}, expecting a failure with {@code message} at {@code offset}. */
  private static void refused(ValType type, String text, String message, int offset) {
    WaveException e = assertThrows(WaveException.class, () -> Wave.parse(text, type), text);
    assertEquals(message, e.getMessage(), text);
    assertEquals(offset, e.offset(), text);
  }

  @Test
  void integersOutOfRangeOrNotIntegers() {
    refused(U8, "[300]".substring(1, 4), "expected u8 at 0, found \"300\" (out of range)", 0);
    refused(list(U8), "[1, 300]", "expected u8 at 4, found \"300\" (out of range)", 4);
    refused(U8, "-1", "expected u8 at 0, found \"-1\" (out of range)", 0);
    refused(U8, "-0", "expected u8 at 0, found \"-0\" (out of range)", 0);
    refused(S8, "-129", "expected s8 at 0, found \"-129\" (out of range)", 0);
    refused(
        U64,
        "18446744073709551616",
        "expected u64 at 0, found \"18446744073709551616\" (out of range)",
        0);
    refused(
        U32,
        "99999999999999999999999",
        "expected u32 at 0, found \"99999999999999999999999\" (out of range)",
        0);
    refused(U8, "1.5", "expected u8 at 0, found \"1.5\" (not an integer)", 0);
    refused(U8, "1e2", "expected u8 at 0, found \"1e2\" (not an integer)", 0);
    refused(U8, "inf", "expected u8 at 0, found \"inf\"", 0);
    refused(U8, "\"1\"", "expected u8 at 0, found a string \"1\"", 0);
  }

  @Test
  void malformedNumbers() {
    refused(U8, "0x1f", "invalid number \"0x1f\" at 0 (integers are decimal)", 0);
    refused(U8, "01", "invalid number \"01\" at 0 (no leading zeros)", 0);
    refused(F32, "1.", "invalid number \"1.\" at 0", 0);
    refused(F32, "1e", "invalid number \"1e\" at 0", 0);
    refused(F32, "-nan", "invalid number \"-nan\" at 0", 0);
    refused(F32, "-infinity", "invalid number \"-infinity\" at 0", 0);
    refused(F32, ".5", "unexpected character \".\" at 0", 0);
    refused(F32, "infinity", "expected f32 at 0, found \"infinity\"", 0);
    refused(
        F32, "NaN", "invalid label \"NaN\" at 0 (each word is all lowercase or all uppercase)", 0);
    refused(F32, "INF", "expected f32 at 0, found \"INF\"", 0);
    refused(F32, "%inf", "expected f32 at 0, found \"%inf\"", 0);
  }

  @Test
  void badCharsAndEscapes() {
    refused(CHAR, "''", "empty char at 0 (a char holds one character; write '\\'' for a quote)", 0);
    refused(
        CHAR,
        "'ab'",
        "expected \"'\" at 2 to close the char that starts at 0 (a char holds"
            + " exactly one character; escape \\ ' and line breaks)",
        2);
    refused(
        CHAR,
        "'\\z'",
        "invalid escape \"\\z\" at 1 (escapes are \\\\ \\' \\\" \\t \\n \\r \\u{HEX})",
        1);
    refused(
        CHAR,
        "'\\x1f'",
        "invalid escape \"\\x\" at 1 (escapes are \\\\ \\' \\\" \\t \\n \\r \\u{HEX})",
        1);
    refused(CHAR, "'\\u1f'", "invalid escape at 1 (write \\u{HEX})", 1);
    refused(CHAR, "'\\u{1f'", "invalid escape at 1 (write \\u{HEX})", 1);
    refused(CHAR, "'\\u{}'", "invalid escape at 1 (write \\u{HEX})", 1);
    refused(CHAR, "'\\u{12345678}'", "invalid escape at 1 (\\u{HEX} takes 1 to 6 hex digits)", 1);
    refused(
        CHAR,
        "'\\u{110000}'",
        "invalid escape \"\\u{110000}\" at 1 (not a Unicode scalar value)",
        1);
    refused(
        CHAR, "'\\u{D800}'", "invalid escape \"\\u{D800}\" at 1 (not a Unicode scalar value)", 1);
    refused(
        CHAR,
        "'x",
        "expected \"'\" at 2 to close the char that starts at 0 (a char holds"
            + " exactly one character; escape \\ ' and line breaks)",
        2);
    refused(CHAR, "'\n'", "unterminated char at 0", 0);
    refused(CHAR, "\"x\"", "expected char at 0, found a string \"x\"", 0);
  }

  @Test
  void badStrings() {
    refused(STRING, "\"abc", "unterminated string that starts at 0", 0);
    refused(
        STRING,
        "\"a\nb\"",
        "line break in string at 2 (write \\n, or use a \"\"\" multiline string)",
        2);
    refused(STRING, "\"\\\"", "unterminated string that starts at 0", 0);
    refused(
        STRING,
        "\"\\u{dc00}\"",
        "invalid escape \"\\u{dc00}\" at 1 (not a Unicode scalar value)",
        1);
    refused(STRING, "\"\\u{-1}\"", "invalid escape at 1 (write \\u{HEX})", 1);
    refused(
        STRING,
        "\"\"\"\"\"\"",
        "invalid multiline string at 3: the opening \"\"\" must be followed" + " by a line break",
        3);
    refused(
        STRING,
        "\"\"\"\nextra\"\"\"",
        "invalid multiline string at 9: the closing \"\"\" must be on"
            + " its own line, after spaces only",
        9);
    refused(
        STRING,
        "\"\"\"\n  a\n b\n  \"\"\"",
        "invalid multiline string at 8: each line must be"
            + " indented at least as much as the closing \"\"\"",
        8);
    // A """ inside a multiline string ends it; what follows is no longer the string.
    refused(
        STRING,
        "\"\"\"\n  \"\"\"\n  \"\"\"",
        "unterminated multiline string that starts at 12",
        12);
    refused(STRING, "\"\"\"\nnever closed\n", "unterminated multiline string that starts at 0", 0);
    refused(
        STRING,
        "\"\"\"\n\\j\n\"\"\"",
        "invalid escape \"\\j\" at 4 (escapes are \\\\ \\' \\\" \\t \\n \\r \\u{HEX})",
        4);
  }

  @Test
  void unknownCaseFlagOrField() {
    refused(
        enumOf("left", "right"),
        "up",
        "unknown case \"up\" at 0 (expected one of: left, right)",
        0);
    refused(
        variant(plain("a"), payload("b", U8)),
        "c(1)",
        "unknown case \"c\" at 0 (expected one of: a, b)",
        0);
    refused(
        flags("read", "write"),
        "{ read, write, execute }",
        "unknown flag \"execute\" at 15 (expected one of: read, write)",
        15);
    refused(
        BASIC,
        "{required: 1, extra: 2}",
        "unknown field \"extra\" at 14 (expected one of: required, optional)",
        14);
  }

  @Test
  void duplicatesAndMissingFields() {
    refused(flags("read", "write"), "{ read, read }", "duplicate flag \"read\" at 8", 8);
    refused(BASIC, "{ required: 0, required: 0 }", "duplicate field \"required\" at 15", 15);
    refused(
        BASIC, "{ optional: some(0) }", "missing field \"required\" (u8) in the record at 0", 0);
    refused(
        record(field("a", option(U8))),
        "{}",
        "expected record { a: option<u8> } at 0, found \"{}\" (empty flags; a record whose fields"
            + " are all left out is {:})",
        0);
    refused(
        BASIC, "{required 1}", "expected \":\" after field \"required\" at 10, found \"1\"", 10);
    refused(
        BASIC,
        "{required}",
        "expected \":\" after field \"required\" at 9, found \"}\" (this"
            + " looks like flags; the type is a record)",
        9);
    refused(
        flags("a"),
        "{a: true}",
        "unexpected \":\" at 2 (this looks like a record; the type is" + " flags { a })",
        2);
  }

  @Test
  void keywordsAreNotCaseNames() {
    ValType keywordEnum = enumOf("true", "none", "ok", "nan");
    refused(
        keywordEnum,
        "true",
        "expected enum { true, none, ok, nan } at 0, found \"true\" (a case named"
            + " like a keyword is written %true)",
        0);
    refused(
        keywordEnum,
        "none",
        "expected enum { true, none, ok, nan } at 0, found \"none\" (a case named"
            + " like a keyword is written %none)",
        0);
    refused(
        enumOf("a"), "some", "expected enum { a } at 0, found \"some\" (a keyword, not a case)", 0);
    refused(BOOL, "%true", "expected bool at 0, found \"%true\"", 0);
  }

  @Test
  void payloadsMissingOrUnexpected() {
    refused(result(U8, null), "ok", "missing payload at 2: expected ok(u8), found end of input", 2);
    refused(result(U8, null), "ok()", "expected u8 at 3, found \")\"", 3);
    refused(result(U8, null), "err(0)", "unexpected payload at 3: err has none", 3);
    refused(result(null, null), "ok(0)", "unexpected payload at 2: ok has none", 2);
    refused(option(U8), "some", "missing payload at 4: expected some(u8), found end of input", 4);
    refused(option(U8), "none(0)", "unexpected payload at 4: none has none", 4);
    refused(option(U8), "some(some(0))", "expected u8 at 5, found \"some\"", 5);
    refused(
        option(option(U8)),
        "1",
        "expected option<option<u8>> at 0, found \"1\" (write some(...) or none)",
        0);
    refused(
        result(result(U8, null), null),
        "1",
        "expected result<result<u8>> at 0, found \"1\" (write ok(...) or err)",
        0);
    refused(
        result(null, U8),
        "1",
        "expected result<_, u8> at 0, found \"1\" (write ok or err(...))",
        0);
    refused(
        variant(plain("a"), payload("b", U8)),
        "b",
        "missing payload at 1: expected b(u8), found end of input",
        1);
    refused(variant(plain("a")), "a(1)", "unexpected payload at 1: a has none", 1);
    refused(enumOf("a"), "a()", "unexpected payload at 1: a has none", 1);
    refused(
        option(U8),
        "some(1",
        "expected \")\" to close the payload of some at 6, found end of input",
        6);
  }

  @Test
  void wrongArityAndBadSeparators() {
    refused(tuple(U8, U8), "(1, 2, 3)", "too many values for tuple<u8, u8> at 7 (it has 2)", 7);
    refused(tuple(U8, U8), "(1)", "expected 2 values for tuple<u8, u8> at 0, found 1", 0);
    refused(tuple(U8), "()", "expected 1 values for tuple<u8> at 0, found 0", 0);
    refused(list(STRING), "[\"a\",,]", "expected string at 5, found \",\"", 5);
    refused(list(STRING), "[,]", "expected string at 1, found \",\"", 1);
    refused(list(STRING), "[)", "expected string at 1, found \")\"", 1);
    refused(list(STRING), "(]", "expected list<string> at 0, found \"(\"", 0);
    refused(list(U8), "[1 2]", "expected \",\" or \"]\" at 3, found \"2\"", 3);
    refused(BASIC, "{ , required: 0 }", "expected a field name at 2, found \",\"", 2);
    refused(BASIC, "{ required: 0,, }", "expected a field name at 14, found \",\"", 14);
    refused(list(U8), "[1, 2", "expected \",\" or \"]\" at 5, found end of input", 5);
  }

  @Test
  void trailingGarbageAndStrayCharacters() {
    refused(U8, "1 2", "unexpected \"2\" at 2 after the value (expected end of input)", 2);
    refused(U8, "1)", "unexpected \")\" at 1 after the value (expected end of input)", 1);
    refused(U8, "", "expected u8 at 0, found end of input", 0);
    refused(U8, "// only a comment", "expected u8 at 17, found end of input", 17);
    refused(U8, "1 / 2", "unexpected character \"/\" at 2 (comments start //)", 2);
    refused(U8, "#", "unexpected character \"#\" at 0", 0);
    refused(
        enumOf("a-b"), "a--b", "invalid label \"a--b\" at 0 (hyphens separate non-empty words)", 0);
    refused(enumOf("a"), "%", "invalid label \"%\" at 0 (empty label)", 0);
  }

  @Test
  void resourcesHaveNoWaveForm() {
    OwnType own = new OwnType(ResourceType.host("blob"));
    refused(own, "3", "expected own<blob> at 0, but resource handles have no WAVE form", 0);
  }
}
