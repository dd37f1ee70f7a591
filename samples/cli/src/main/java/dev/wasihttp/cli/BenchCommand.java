package dev.wasihttp.cli;

import dev.wasihttp.component.Component;
import dev.wasihttp.component.EngineMode;
import dev.wasihttp.component.EngineOptions;
import dev.wasihttp.component.InstancePre;
import dev.wasihttp.component.Linker;
import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.wasi.WasiView;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code bench COMPONENT.wasm [--iterations N] [--engine auto|compiler|interpreter]}: how long
 * loading (decode, validate, parse the core modules; with the compiler, compile them) and
 * instantiating take on this machine. Instantiation is measured after a warm-up, against a host
 * whose imports all trap, so only the runtime's own work is counted (no guest call). A rough
 * figure, not a JMH benchmark: it runs in one JVM, single-threaded. It also says how many of the
 * component's core functions run on the interpreter, and which ones the compiler left there.
 */
final class BenchCommand {
  static final String USAGE =
      "usage: wasi-http bench COMPONENT.wasm [--iterations N] [--engine auto|compiler|interpreter]";

  private BenchCommand() {}

  static int run(String[] args, PrintStream out, PrintStream err) {
    String file = null;
    int iterations = 2000;
    EngineMode engine = EngineMode.AUTO;
    try {
      for (int i = 0; i < args.length; i++) {
        if (args[i].equals("--iterations") && i + 1 < args.length) {
          iterations = Integer.parseInt(args[++i]);
          if (iterations <= 0) {
            throw new NumberFormatException("must be positive");
          }
        } else if (args[i].equals("--engine") && i + 1 < args.length) {
          try {
            engine = EngineMode.parse(args[++i]);
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--engine: " + e.getMessage(), e);
          }
        } else if (file == null && !args[i].startsWith("--")) {
          file = args[i];
        } else {
          throw new IllegalArgumentException("unexpected argument \"" + args[i] + "\"");
        }
      }
      if (file == null) {
        throw new IllegalArgumentException("no component given");
      }
    } catch (NumberFormatException e) {
      err.println("error: --iterations: " + e.getMessage());
      err.println(USAGE);
      return Main.ERROR;
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      err.println(USAGE);
      return Main.ERROR;
    }
    try {
      byte[] bytes = Files.readAllBytes(Path.of(file));
      long t0 = System.nanoTime();
      Component component = Component.decode(bytes, EngineOptions.of(engine));
      long t1 = System.nanoTime();
      InstancePre<WasiView> pre =
          new Linker<WasiView>().trapUnknownImports(true).instantiatePre(component);
      int warmup = Math.min(iterations, 500);
      for (int i = 0; i < warmup; i++) {
        pre.instantiate();
      }
      long t2 = System.nanoTime();
      for (int i = 0; i < iterations; i++) {
        pre.instantiate();
      }
      long t3 = System.nanoTime();
      out.printf(Locale.ROOT, "load: %.1f ms%n", (t1 - t0) / 1e6);
      out.println(interpreted(component));
      out.printf(
          Locale.ROOT,
          "instantiate: %.1f us (mean of %d, after %d warm-up)%n",
          (t3 - t2) / 1e3 / iterations,
          iterations,
          warmup);
      return Main.OK;
    } catch (IOException e) {
      err.println("error: cannot read " + file + ": " + e.getMessage());
      return Main.ERROR;
    } catch (ComponentException e) {
      err.println("error: " + e.getMessage());
      return Main.ERROR;
    }
  }

  /**
   * {@code interpreted: N of M core functions}, then the functions the compiler left, if any: how
   * much of the component runs on Chicory's interpreter.
   */
  static String interpreted(Component component) {
    return "interpreted: "
        + component.interpretedFunctionCount()
        + " of "
        + component.coreFunctionCount()
        + " core functions"
        + (component.interpretedFunctions().isEmpty()
            ? ""
            : ": " + component.interpretedFunctions());
  }
}
