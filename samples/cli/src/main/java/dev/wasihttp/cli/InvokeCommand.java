package dev.wasihttp.cli;

import dev.wasihttp.component.Component;
import dev.wasihttp.component.ComponentException;
import dev.wasihttp.component.ComponentInstance;
import dev.wasihttp.component.Func;
import dev.wasihttp.component.Linker;
import dev.wasihttp.component.Trap;
import dev.wasihttp.component.values.Val;
import dev.wasihttp.component.wave.Wave;
import dev.wasihttp.component.wave.WaveCall;
import dev.wasihttp.component.wave.WaveException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code invoke COMPONENT.wasm CALL...}: instantiates the component once and runs the calls in
 * order, so state carries from one call to the next. Each call prints its result in WAVE (an
 * empty line when there is none) or {@code trap: REASON}, after which nothing more runs.
 * Imports the host does not provide link, and trap with {@code not provided} when called.
 */
final class InvokeCommand {
  private InvokeCommand() {}

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length < 2) {
      err.println("error: usage: wasi-http invoke COMPONENT.wasm CALL...");
      return Main.ERROR;
    }
    ComponentInstance instance;
    try {
      Component component = Component.load(Path.of(args[0]));
      instance = new Linker().trapUnknownImports(true).instantiatePre(component).instantiate();
    } catch (IOException e) {
      err.println("error: cannot read " + args[0] + ": " + e.getMessage());
      return Main.ERROR;
    } catch (ComponentException e) {
      err.println("error: " + e.getMessage());
      return Main.ERROR;
    } catch (Trap e) {
      out.println("trap: " + e.reason());
      return Main.TRAP;
    }
    for (int i = 1; i < args.length; i++) {
      Func func;
      List<Val> values;
      try {
        WaveCall call = WaveCall.parse(args[i]);
        func = resolve(instance, call);
        values = call.arguments(func.type());
      } catch (WaveException | IllegalArgumentException e) {
        err.println("error: " + e.getMessage());
        return Main.ERROR;
      }
      try {
        Val result = func.call(values);
        out.println(result == null ? "" : Wave.print(result));
      } catch (Trap e) {
        out.println("trap: " + e.reason());
        return Main.TRAP;
      }
    }
    return Main.OK;
  }

  /** Finds the function a call names; a bare name must be unique across root and instances. */
  static Func resolve(ComponentInstance instance, WaveCall call) {
    if (call.interfaceName() != null) {
      Func f = instance.func(call.interfaceName(), call.function());
      if (f == null) {
        throw new IllegalArgumentException(
            "no exported function " + call.function() + " in " + call.interfaceName());
      }
      return f;
    }
    List<Func> found = instance.findFuncs(call.function());
    if (found.isEmpty()) {
      throw new IllegalArgumentException("no exported function named " + call.function());
    }
    if (found.size() > 1) {
      throw new IllegalArgumentException(
          "function name "
              + call.function()
              + " is ambiguous; candidates: "
              + found.stream().map(Func::name).collect(Collectors.joining(", ")));
    }
    return found.get(0);
  }
}
