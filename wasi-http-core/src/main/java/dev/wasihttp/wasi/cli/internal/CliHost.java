package dev.wasihttp.wasi.cli.internal;

import dev.wasihttp.component.values.Val;
import dev.wasihttp.wasi.WasiConfig;
import dev.wasihttp.wasi.WasiContext;
import dev.wasihttp.wasi.WasiExit;
import dev.wasihttp.wasi.cli.WasiCli;
import dev.wasihttp.wasi.internal.Definer;
import dev.wasihttp.wasi.internal.Host;
import dev.wasihttp.wasi.io.HostInputStream;
import dev.wasihttp.wasi.io.WasiIo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Registers the {@code wasi:cli} interfaces. */
public final class CliHost {
  private static final HostInputStream CLOSED = HostInputStream.closed();

  private CliHost() {}

  public static void define(Definer linker) {
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
          return new Val.List(out);
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
        (c, a) -> WasiIo.pushInputStream(Host.ctx(c), CLOSED));
    linker.func(
        Host.iface("cli/stdout"),
        "get-stdout",
        (c, a) -> WasiIo.pushOutputStream(Host.ctx(c), stdio(Host.ctx(c)).stdout.handle()));
    linker.func(
        Host.iface("cli/stderr"),
        "get-stderr",
        (c, a) -> WasiIo.pushOutputStream(Host.ctx(c), stdio(Host.ctx(c)).stderr.handle()));

    linker.resource(
        Host.iface("cli/terminal-input"), "terminal-input", WasiCli.TERMINAL_INPUT, null);
    linker.resource(
        Host.iface("cli/terminal-output"), "terminal-output", WasiCli.TERMINAL_OUTPUT, null);
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
    return new Val.List(out);
  }
}
