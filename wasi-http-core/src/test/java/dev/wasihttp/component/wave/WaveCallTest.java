package dev.wasihttp.component.wave;

import static dev.wasihttp.component.types.PrimitiveType.STRING;
import static dev.wasihttp.component.types.PrimitiveType.U8;
import static dev.wasihttp.component.wave.WaveTypes.list;
import static dev.wasihttp.component.wave.WaveTypes.option;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wasihttp.component.types.FuncType;
import dev.wasihttp.component.types.ValType;
import dev.wasihttp.component.values.Val;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Call expressions as {@code wasmtime run --invoke} takes them, and reading their arguments. */
class WaveCallTest {

  private static FuncType func(Object... namesAndTypes) {
    List<FuncType.Param> params = new ArrayList<>();
    for (int i = 0; i < namesAndTypes.length; i += 2) {
      params.add(new FuncType.Param((String) namesAndTypes[i], (ValType) namesAndTypes[i + 1]));
    }
    return new FuncType(params, null);
  }

  private static void refused(String text, String message, int offset) {
    WaveException e = assertThrows(WaveException.class, () -> WaveCall.parse(text), text);
    assertEquals(message, e.getMessage(), text);
    assertEquals(offset, e.offset(), text);
  }

  @Test
  void bareFunctionName() throws WaveException {
    WaveCall call = WaveCall.parse("get-point()");
    assertEquals("get-point", call.function());
    assertEquals("get-point", call.name());
    assertNull(call.interfaceName());
    assertNull(call.packageName());
    assertNull(call.version());
    assertEquals(List.of(), call.argumentTexts());
    assertEquals(List.of(), call.arguments(func()));
  }

  @Test
  void argumentsSplitAtTopLevelCommasOnly() throws WaveException {
    WaveCall call =
        WaveCall.parse(
            "f(\"a, b)\", ')', [1, 2], {x: 1, y: 2}, some((1, \",\")), \"\"\"\n)\n\"\"\")");
    assertEquals(
        List.of(
            "\"a, b)\"", "')'", "[1, 2]", "{x: 1, y: 2}", "some((1, \",\"))", "\"\"\"\n)\n\"\"\""),
        call.argumentTexts());
  }

  @Test
  void interfaceDotOrHashFunction() throws WaveException {
    WaveCall dot = WaveCall.parse("ui.string(\"\")");
    assertEquals("ui", dot.interfaceName());
    assertEquals("string", dot.function());
    WaveCall hash = WaveCall.parse("ui#string(\"\")");
    assertEquals("ui", hash.interfaceName());
    assertEquals("string", hash.function());
    assertEquals(List.of("\"\""), hash.argumentTexts());
  }

  @Test
  void packageQualifiedInterfaceVersionAfterTheFunction() throws WaveException {
    WaveCall plain = WaveCall.parse("ui:tests/ui.nullary()");
    assertEquals("ui:tests/ui", plain.interfaceName());
    assertEquals("ui:tests", plain.packageName());
    assertEquals("nullary", plain.function());
    assertNull(plain.version());
    WaveCall versioned = WaveCall.parse("wasi:http/incoming-handler.handle@0.2.0(1, 2)");
    assertEquals("wasi:http/incoming-handler@0.2.0", versioned.interfaceName());
    assertEquals("handle", versioned.function());
    assertEquals("0.2.0", versioned.version());
    assertEquals("wasi:http/incoming-handler.handle@0.2.0", versioned.name());
    WaveCall pre = WaveCall.parse("a:b/c.f@1.0.0-rc.1+build.5()");
    assertEquals("a:b/c@1.0.0-rc.1+build.5", pre.interfaceName());
  }

  @Test
  void coreExportSpellingWithHash() throws WaveException {
    WaveCall call = WaveCall.parse("wasi:http/incoming-handler@0.2.0#handle(1)");
    assertEquals("wasi:http/incoming-handler@0.2.0", call.interfaceName());
    assertEquals("handle", call.function());
    assertEquals("0.2.0", call.version());
    WaveCall unversioned = WaveCall.parse("wasi:cli/run#run()");
    assertEquals("wasi:cli/run", unversioned.interfaceName());
    WaveCall rc = WaveCall.parse("wasi:cli/run@0.2.0-rc-2023-11-10#run()");
    assertEquals("wasi:cli/run@0.2.0-rc-2023-11-10", rc.interfaceName());
    assertEquals("run", rc.function());
  }

  @Test
  void whitespaceCommentsAndTrailingComma() throws WaveException {
    WaveCall call = WaveCall.parse("  %f ( 1 , // first\n 2, )  // done");
    assertEquals("f", call.function());
    assertEquals(List.of("1", "2"), call.argumentTexts());
    assertEquals("%f ( 1 , // first\n 2, )  // done", call.toString());
  }

  @Test
  void malformedCalls() {
    refused(
        "f",
        "expected \"(\" after the function name f at 1, found end of input (write f() to call"
            + " it without arguments)",
        1);
    refused("f(1,,2)", "unexpected \",\" at 4 (expected an argument)", 4);
    refused("f(,)", "unexpected \",\" at 2 (expected an argument)", 2);
    refused("f(1", "unexpected end of input at 3 (expected \")\" to close the arguments)", 3);
    refused("f([1)", "unexpected \")\" at 4 (expected \"]\" to match the one at 2)", 4);
    refused("f(1]", "unexpected \"]\" at 3 (expected \")\" to close the arguments)", 3);
    refused("f([1", "unexpected end of input at 4 (expected \"]\")", 4);
    refused("f(1) x", "unexpected \"x\" at 5 after the call", 5);
    refused("f(\"a)", "unterminated string that starts at 2", 2);
    refused("f x()", "expected \"(\" after the function name f at 2, found \"x\"", 2);
    refused(
        "1f()",
        "expected a function name, found \"1f\" (a label starts with an ASCII letter) at 0",
        0);
    refused(
        "fOO()",
        "expected a function name, found \"fOO\" (each word is all lowercase or all"
            + " uppercase) at 0",
        0);
    refused("(1)", "expected a function name, found \"\" at 0", 0);
  }

  @Test
  void malformedNames() {
    refused(
        "a:b/c@1.0.0.f()",
        "a version goes after the function name: a:b/c.f@1.0.0, or before a"
            + " #: a:b/c@1.0.0#f at 11",
        11);
    refused(
        "c.f@1.0.0()",
        "a version needs a package-qualified interface: ns:pkg/iface.func@1.0.0 or"
            + " ns:pkg/iface@1.0.0#func at 3",
        3);
    refused(
        "f@1.0.0()",
        "a version needs a package-qualified interface: ns:pkg/iface.func@1.0.0 or"
            + " ns:pkg/iface@1.0.0#func at 1",
        1);
    refused("a:b()", "expected \"/\" after the package name a:b (write a:b/iface.func) at 3", 3);
    refused(
        "a:b/c()",
        "expected \".\" and a function name after the interface (write a:b/c.func) at 5",
        5);
    refused("a:b/c.f@1.0()", "expected a version such as 0.2.0 after \"@\", found \"1.0\" at 8", 8);
    refused(
        "a:b/c.f@01.0.0()",
        "expected a version such as 0.2.0 after \"@\", found \"01.0.0\" at 8",
        8);
    refused("a:b/c@1.0.0()", "expected \"#\" after the version (write a:b/c@1.0.0#func) at 11", 11);
  }

  @Test
  void argumentsAreReadWithTheParameterTypes() throws WaveException {
    WaveCall call = WaveCall.parse("greet(\"x, y\", [1, 2])");
    assertEquals(
        List.of(new Val.Str("x, y"), new Val.ListValue(List.of(new Val.U8(1), new Val.U8(2)))),
        call.arguments(func("name", STRING, "bytes", list(U8))));
  }

  @Test
  void trailingOptionParametersMayBeLeftOut() throws WaveException {
    FuncType f = func("a", option(U8), "b", option(U8), "c", option(U8));
    List<Val> expected =
        List.of(Val.Option.some(new Val.U8(1)), Val.Option.none(), Val.Option.none());
    assertEquals(expected, WaveCall.parse("f(some(1))").arguments(f));
    assertEquals(expected, WaveCall.parse("f(some(1), none)").arguments(f));
    assertEquals(expected, WaveCall.parse("f(some(1), none, none)").arguments(f));
    assertEquals(
        List.of(Val.Option.none(), Val.Option.none(), Val.Option.none()),
        WaveCall.parse("f()").arguments(f));
  }

  @Test
  void argumentErrorsNameTheParameter() throws WaveException {
    FuncType f = func("a", U8, "b", STRING);
    WaveException wrongType =
        assertThrows(WaveException.class, () -> WaveCall.parse("f(1, 2)").arguments(f));
    assertEquals("parameter b: expected string at 5, found \"2\"", wrongType.getMessage());
    assertEquals(5, wrongType.offset());
    WaveException range =
        assertThrows(WaveException.class, () -> WaveCall.parse("f(300, \"\")").arguments(f));
    assertEquals("parameter a: expected u8 at 2, found \"300\" (out of range)", range.getMessage());
    WaveException tooMany =
        assertThrows(WaveException.class, () -> WaveCall.parse("f(1, \"\", 3)").arguments(f));
    assertEquals(
        "too many arguments at 9: f takes 2 (func(a: u8, b: string)), found 3",
        tooMany.getMessage());
    assertEquals(9, tooMany.offset());
    WaveException missing =
        assertThrows(WaveException.class, () -> WaveCall.parse("f(1)").arguments(f));
    assertEquals(
        "missing argument for parameter b: string at 3 (f is func(a: u8, b: string))",
        missing.getMessage());
    WaveException garbage =
        assertThrows(WaveException.class, () -> WaveCall.parse("f(1 2, \"\")").arguments(f));
    assertEquals(
        "parameter a: unexpected \"2\" at 4 after the value (expected end of input)",
        garbage.getMessage());
  }
}
