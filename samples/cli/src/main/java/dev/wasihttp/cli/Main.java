package dev.wasihttp.cli;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * The {@code wasi-http} command line.
 *
 * <pre>
 * java -jar wasi-http.jar wit COMPONENT.wasm
 * java -jar wasi-http.jar invoke COMPONENT.wasm CALL...
 * java -jar wasi-http.jar serve [--port N] [--addr HOST] [--env K=V]... [--dir HOST[::GUEST]] [--route /PREFIX=COMPONENT.wasm]... [COMPONENT.wasm]
 * </pre>
 *
 * Exit status: 0 when everything ran, 1 for {@code error:} (usage, load, parse), 2 after a {@code
 * trap:}.
 */
public final class Main {
  static final int OK = 0;
  static final int ERROR = 1;
  static final int TRAP = 2;

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs one command, printing to {@code out} and {@code err}; returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      usage(err);
      return ERROR;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    switch (args[0]) {
      case "wit":
        return WitCommand.run(rest, out, err);
      case "invoke":
        return InvokeCommand.run(rest, out, err);
      case "bench":
        return BenchCommand.run(rest, out, err);
      case "compile":
        return CompileCommand.run(rest, out, err);
      case "serve":
        return ServeCommand.run(rest, out, err);
      case "help":
      case "--help":
      case "-h":
        usage(out);
        return OK;
      default:
        err.println("error: unknown command \"" + args[0] + "\"");
        usage(err);
        return ERROR;
    }
  }

  static void usage(PrintStream p) {
    p.println("usage: wasi-http COMMAND ...");
    p.println("  wit COMPONENT.wasm              print the component's imports and exports as WIT");
    p.println("  invoke COMPONENT.wasm CALL...   call exported functions, e.g. 'add(1, 2)',");
    p.println(
        "                                  'pkg:name/iface@1.0.0.func(\"a\")', 'iface#func([1, 2])'");
    p.println("  serve [--port N] [--addr HOST] [--env K=V]... [--dir HOST[::GUEST]]");
    p.println(
        "        [--allow scheme://host[:port]]... [--reload] [--route /PREFIX=COMPONENT.wasm]...");
    p.println("        [COMPONENT.wasm]");
    p.println(
        "                                  serve it over HTTP/1.1 and h2c (default 127.0.0.1:8080)");
    p.println("  compile COMPONENT.wasm OUT.jar  compile it once, into a jar for the class path");
    p.println("  bench COMPONENT.wasm [--iterations N] [--engine interpreter|compiler]");
    p.println(
        "                                  time loading and instantiating it on this machine");
  }
}
