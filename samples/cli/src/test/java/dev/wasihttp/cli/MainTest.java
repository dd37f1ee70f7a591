package dev.wasihttp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code wasi-http} command line as a user runs it: output lines and exit status. */
class MainTest {
  static final String CALCULATOR =
      "../../wasi-http-core/src/test/resources/components/calculator.wasm";
  static final String AMBIGUOUS = "src/test/resources/ambiguous.wasm";
  static final String HELLO_C = "../components/hello-c/hello-c.wasm";

  record Run(int status, String out, String err) {}

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void invokeRunsCallsInOrderOnOneInstance() {
    Run r =
        run(
            "invoke",
            CALCULATOR,
            "add(1, 2)",
            "sum([1, 2, 3])",
            "classify(7)",
            "swap({x: 1, y: 2})",
            "counter-new(41)",
            "counter-get(borrow<counter>#41)",
            "counter-consume(own<counter>#41)",
            "drops()");
    assertEquals(0, r.status(), r.err());
    assertEquals("3\n6\nsmall(7)\n{x: 2, y: 1}\nown<counter>#41\n41\n41\n1\n", r.out());
  }

  @Test
  void aTrapStopsTheRunWithStatus2() {
    Run r = run("invoke", CALCULATOR, "add(1, 1)", "fail()", "add(2, 2)");
    assertEquals(2, r.status());
    assertTrue(r.out().startsWith("2\ntrap: "), r.out());
    assertTrue(r.out().contains("unreachable"), r.out());
    assertEquals(2, r.out().lines().count(), "nothing runs after a trap");
  }

  @Test
  void unprovidedImportsTrapWhenCalled() {
    Run r = run("invoke", CALCULATOR, "greet(\"x\")");
    assertEquals(2, r.status());
    assertEquals("trap: not provided: host:demo/log@0.1.0#log\n", r.out());
  }

  @Test
  void functionsAreFoundByBareOrQualifiedName() {
    Run r = run("invoke", AMBIGUOUS, "my:pkg/api.get()", "my:pkg/api@1.0.0#get()", "api#get()");
    assertEquals(0, r.status(), r.err());
    assertEquals("2\n2\n2\n", r.out());
  }

  @Test
  void anAmbiguousBareNameIsRefusedWithItsCandidates() {
    Run r = run("invoke", AMBIGUOUS, "get()");
    assertEquals(1, r.status());
    assertEquals(
        "error: function name get is ambiguous; candidates: get, my:pkg/api@1.0.0#get\n", r.err());
  }

  @Test
  void badInputIsAnErrorWithStatus1() {
    assertEquals(1, run("invoke", CALCULATOR, "add(1, \"x\")").status());
    assertEquals(1, run("invoke", CALCULATOR, "nope()").status());
    assertEquals(1, run("invoke", CALCULATOR, "counter-get(borrow<counter>#7)").status());
    assertEquals(1, run("frobnicate").status());
    Run missing = run("invoke", "no-such.wasm", "f()");
    assertEquals(1, missing.status());
    assertTrue(missing.err().startsWith("error: cannot read no-such.wasm"), missing.err());
  }

  @Test
  void aMalformedComponentIsAnErrorNamingTheOffset(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.wasm");
    Files.write(bad, new byte[] {0, 'a', 's', 'm', 0x0d, 0, 1, 0, 0x7f});
    Run r = run("wit", bad.toString());
    assertEquals(1, r.status());
    assertTrue(r.err().startsWith("error: malformed component at byte 8"), r.err());
  }

  @Test
  void benchReportsLoadAndInstantiateTimes() {
    Run r = run("bench", HELLO_C, "--iterations", "20");
    assertEquals(0, r.status(), r.err());
    // auto compiles all of hello-c's 17 core functions.
    assertTrue(
        r.out()
            .matches(
                "load: [0-9.]+ ms\ninterpreted: 0 of 17 core functions\n"
                    + "instantiate: [0-9.]+ us \\(mean of 20, after 20 warm-up\\)\n"),
        r.out());
    assertEquals(1, run("bench", HELLO_C, "--iterations", "0").status());
    assertEquals(1, run("bench").status());
  }

  @Test
  void benchLoadsWithTheEngineAsked() {
    Run r = run("bench", HELLO_C, "--iterations", "20", "--engine", "compiler");
    assertEquals(0, r.status(), r.err());
    assertTrue(
        r.out()
            .matches(
                "load: [0-9.]+ ms\ninterpreted: 0 of 17 core functions\n"
                    + "instantiate: [0-9.]+ us \\(mean of 20, after 20 warm-up\\)\n"),
        r.out());
    Run interpreted = run("bench", HELLO_C, "--iterations", "20", "--engine", "interpreter");
    assertEquals(0, interpreted.status(), interpreted.err());
    assertTrue(
        interpreted.out().contains("\ninterpreted: 17 of 17 core functions\n"), interpreted.out());
    assertEquals(1, run("bench", HELLO_C, "--engine", "jit").status());
  }

  @Test
  void witPrintsTheWorld() {
    Run r = run("wit", HELLO_C);
    assertEquals(0, r.status(), r.err());
    assertTrue(
        r.out()
            .startsWith("package root:component;\n\nworld root {\n  import wasi:io/error@0.2.0;\n"),
        r.out());
    assertTrue(r.out().contains("  export wasi:http/incoming-handler@0.2.0;\n"), r.out());
  }
}
