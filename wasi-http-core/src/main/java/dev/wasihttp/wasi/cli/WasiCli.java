package dev.wasihttp.wasi.cli;

import dev.wasihttp.component.Linker;
import dev.wasihttp.component.types.ResourceType;
import dev.wasihttp.wasi.WasiConfig;
import dev.wasihttp.wasi.WasiContext;
import dev.wasihttp.wasi.WasiExit;
import dev.wasihttp.wasi.cli.internal.CliHost;
import dev.wasihttp.wasi.internal.Definer;

/**
 * {@code wasi:cli}: environment, exit, stdin, stdout, stderr and the terminal interfaces.
 *
 * <ul>
 *   <li>{@code get-environment}, {@code get-arguments} and {@code initial-cwd} answer what {@link
 *       WasiConfig} says (nothing by default).
 *   <li>{@code exit(status)} and {@code exit-with-code(code)} throw {@link WasiExit}: the guest
 *       stops, the embedder sees the status (0 for {@code ok}, 1 for {@code err}).
 *   <li>{@code get-stdin} is a stream that is always closed (a server has no terminal input).
 *   <li>{@code get-stdout} and {@code get-stderr} write to the configured {@link
 *       dev.wasihttp.wasi.LineSink}s line by line, tagged with the component's name; a partial last
 *       line is handed over when the {@link WasiContext} closes.
 *   <li>{@code get-terminal-stdin}, {@code -stdout} and {@code -stderr} return none: nothing is a
 *       terminal.
 * </ul>
 */
public final class WasiCli {
  /** {@code wasi:cli/terminal-input.terminal-input}; never handed out. */
  public static final ResourceType TERMINAL_INPUT = ResourceType.host("terminal-input");

  /** {@code wasi:cli/terminal-output.terminal-output}; never handed out. */
  public static final ResourceType TERMINAL_OUTPUT = ResourceType.host("terminal-output");

  private WasiCli() {}

  /** Registers every {@code wasi:cli} interface a component may import, at 0.2.12. */
  public static void addToLinker(Linker linker) {
    CliHost.define(Definer.of(linker));
  }
}
