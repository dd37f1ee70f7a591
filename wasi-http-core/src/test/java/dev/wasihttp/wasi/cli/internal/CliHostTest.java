package dev.wasihttp.wasi.cli.internal;

import static dev.wasihttp.wasi.WasiHarness.bytes;
import static dev.wasihttp.wasi.WasiHarness.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wasihttp.component.errors.Trap;
import dev.wasihttp.component.values.Val;
import dev.wasihttp.wasi.LineSink;
import dev.wasihttp.wasi.WasiConfig;
import dev.wasihttp.wasi.WasiExit;
import dev.wasihttp.wasi.WasiHarness;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code wasi:cli}: environment, exit, stdio as lines to the configured sinks, terminals. */
class CliHostTest {
  final List<String> lines = new ArrayList<>();
  final LineSink out = (component, line) -> lines.add("out " + component + ": " + line);
  final LineSink err = (component, line) -> lines.add("err " + component + ": " + line);

  WasiHarness guest(WasiConfig.Builder config) {
    return new WasiHarness(config.componentName("app.wasm").stdout(out).stderr(err).build());
  }

  void write(WasiHarness g, Val stream, String text) {
    ok(g.method("io/streams", "output-stream", "blocking-write-and-flush", stream, bytes(text)));
  }

  @Test
  void environmentArgumentsAndCwdAreWhatTheConfigSays() {
    WasiHarness g =
        guest(
            WasiConfig.builder()
                .env("B", "2")
                .env("A", "1")
                .args(List.of("app", "--flag"))
                .initialCwd("/srv"));
    assertEquals(
        new Val.ListValue(
            List.of(
                new Val.Tuple(List.of(new Val.Str("B"), new Val.Str("2"))),
                new Val.Tuple(List.of(new Val.Str("A"), new Val.Str("1"))))),
        g.call("cli/environment", "get-environment"));
    assertEquals(
        new Val.ListValue(List.of(new Val.Str("app"), new Val.Str("--flag"))),
        g.call("cli/environment", "get-arguments"));
    assertEquals(Val.Option.some(new Val.Str("/srv")), g.call("cli/environment", "initial-cwd"));
  }

  @Test
  void nothingIsGrantedByDefault() {
    WasiHarness g = new WasiHarness();
    assertEquals(new Val.ListValue(List.of()), g.call("cli/environment", "get-environment"));
    assertEquals(new Val.ListValue(List.of()), g.call("cli/environment", "get-arguments"));
    assertEquals(Val.Option.none(), g.call("cli/environment", "initial-cwd"));
  }

  @Test
  void stdoutAndStderrGoToTheirSinksLineByLineTaggedWithTheComponent() {
    WasiHarness g = guest(WasiConfig.builder());
    Val stdout = g.call("cli/stdout", "get-stdout");
    Val stderr = g.call("cli/stderr", "get-stderr");
    write(g, stdout, "one\ntw");
    write(g, stderr, "oops\r\n");
    write(g, g.call("cli/stdout", "get-stdout"), "o\nthree"); // another handle, same buffer
    assertEquals(List.of("out app.wasm: one", "err app.wasm: oops", "out app.wasm: two"), lines);

    g.drop("io/streams", "output-stream", stdout);
    g.wasi().close(); // the instance ends: the partial line is handed over
    assertEquals("out app.wasm: three", lines.get(3));
    assertEquals(4, lines.size());
  }

  @Test
  void aLineLongerThanTheCapIsHandedOverInPieces() {
    WasiHarness g = guest(WasiConfig.builder());
    Val stdout = g.call("cli/stdout", "get-stdout");
    String chunk = "x".repeat(4096);
    for (int i = 0; i < LineBuffer.MAX_LINE / 4096 + 1; i++) {
      write(g, stdout, chunk);
    }
    assertEquals(1, lines.size());
    assertEquals(LineBuffer.MAX_LINE, lines.get(0).length() - "out app.wasm: ".length());
  }

  @Test
  void aLongLineIsNeverCutInsideAUtf8Sequence() {
    WasiHarness g = guest(WasiConfig.builder());
    Val stdout = g.call("cli/stdout", "get-stdout");
    String text = "x" + "\u20ac".repeat(LineBuffer.MAX_LINE / 3 + 10); // 3-byte euro signs
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    for (int off = 0; off < utf8.length; off += 4096) {
      byte[] chunk = Arrays.copyOfRange(utf8, off, Math.min(utf8.length, off + 4096));
      ok(g.method("io/streams", "output-stream", "blocking-write-and-flush", stdout, bytes(chunk)));
    }
    g.wasi().close();
    StringBuilder joined = new StringBuilder();
    for (String l : lines) {
      joined.append(l.substring("out app.wasm: ".length()));
    }
    assertEquals(2, lines.size());
    assertEquals(text, joined.toString());
  }

  @Test
  void exitThrowsWasiExitWithTheStatus() {
    WasiHarness g = new WasiHarness();
    WasiExit ok =
        assertThrows(WasiExit.class, () -> g.call("cli/exit", "exit", Val.Result.ok(null)));
    assertEquals(0, ok.status());
    WasiExit failed =
        assertThrows(WasiExit.class, () -> g.call("cli/exit", "exit", Val.Result.err(null)));
    assertEquals(1, failed.status());
    WasiExit code =
        assertThrows(WasiExit.class, () -> g.call("cli/exit", "exit-with-code", new Val.U8(42)));
    assertEquals(42, code.status());
    assertEquals("exit with status 42", code.reason());
    Trap asTrap = code; // unwinds through the runtime like any trap
    assertEquals(code, asTrap);
  }

  @Test
  void nothingIsATerminal() {
    WasiHarness g = new WasiHarness();
    assertEquals(Val.Option.none(), g.call("cli/terminal-stdin", "get-terminal-stdin"));
    assertEquals(Val.Option.none(), g.call("cli/terminal-stdout", "get-terminal-stdout"));
    assertEquals(Val.Option.none(), g.call("cli/terminal-stderr", "get-terminal-stderr"));
  }
}
