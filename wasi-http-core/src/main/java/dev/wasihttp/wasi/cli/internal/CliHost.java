package dev.wasihttp.wasi.cli.internal;

import dev.wasihttp.component.types.ResourceType;
import dev.wasihttp.component.values.Val;
import dev.wasihttp.wasi.WasiConfig;
import dev.wasihttp.wasi.WasiContext;
import dev.wasihttp.wasi.WasiExit;
import dev.wasihttp.wasi.WasiView;
import dev.wasihttp.wasi.internal.Definer;
import dev.wasihttp.wasi.internal.Host;
import dev.wasihttp.wasi.io.HostInputStream;
import dev.wasihttp.wasi.io.internal.IoResources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
public final class CliHost {
  /** {@code wasi:cli/terminal-input.terminal-input}; never handed out. */
  public static final ResourceType TERMINAL_INPUT = ResourceType.host("terminal-input");

  /** {@code wasi:cli/terminal-output.terminal-output}; never handed out. */
  public static final ResourceType TERMINAL_OUTPUT = ResourceType.host("terminal-output");

  private static final HostInputStream CLOSED = HostInputStream.closed();

  private CliHost() {}

  public static <T extends WasiView> void define(Definer<T> linker) {
    String env = Host.iface("cli/environment");
    linker.func(env, "get-environment", (c, a) -> environment(Host.ctx(c).config()));
    linker.func(
        env,
        "get-arguments",
        (c, a) -> {
          List<Val> out = new ArrayList<>();
          for (String arg : Host.ctx(c).config().arguments()) {
            out.add(new Val.Str(arg));
          }
          return new Val.ListValue(out);
        });
    linker.func(
        env,
        "initial-cwd",
        (c, a) ->
            Host.ctx(c)
                .config()
                .initialCwd()
                .<Val>map(cwd -> Val.Option.some(new Val.Str(cwd)))
                .orElse(Val.Option.none()));

    String exit = Host.iface("cli/exit");
    linker.func(
        exit,
        "exit",
        (c, a) -> {
          throw new WasiExit(((Val.Result) a.get(0)).isOk() ? 0 : 1);
        });
    linker.func(
        exit,
        "exit-with-code",
        (c, a) -> {
          throw new WasiExit(((Val.U8) a.get(0)).value());
        });

    linker.func(
        Host.iface("cli/stdin"),
        "get-stdin",
        (c, a) -> IoResources.pushInputStream(Host.ctx(c), CLOSED));
    linker.func(
        Host.iface("cli/stdout"),
        "get-stdout",
        (c, a) -> IoResources.pushOutputStream(Host.ctx(c), stdio(Host.ctx(c)).stdout.handle()));
    linker.func(
        Host.iface("cli/stderr"),
        "get-stderr",
        (c, a) -> IoResources.pushOutputStream(Host.ctx(c), stdio(Host.ctx(c)).stderr.handle()));

    linker.resource(Host.iface("cli/terminal-input"), "terminal-input", TERMINAL_INPUT, null);
    linker.resource(Host.iface("cli/terminal-output"), "terminal-output", TERMINAL_OUTPUT, null);
    linker.func(
        Host.iface("cli/terminal-stdin"), "get-terminal-stdin", (c, a) -> Val.Option.none());
    linker.func(
        Host.iface("cli/terminal-stdout"), "get-terminal-stdout", (c, a) -> Val.Option.none());
    linker.func(
        Host.iface("cli/terminal-stderr"), "get-terminal-stderr", (c, a) -> Val.Option.none());
  }

  private static Stdio stdio(WasiContext ctx) {
    return ctx.local(Stdio.class, () -> new Stdio(ctx.config()));
  }

  private static Val environment(WasiConfig config) {
    List<Val> out = new ArrayList<>();
    for (Map.Entry<String, String> e : config.environment().entrySet()) {
      out.add(new Val.Tuple(List.of(new Val.Str(e.getKey()), new Val.Str(e.getValue()))));
    }
    return new Val.ListValue(out);
  }
}
