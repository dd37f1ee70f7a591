package dev.wasihttp.cli;

import dev.wasihttp.component.Component;
import dev.wasihttp.component.errors.ComponentException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/** {@code wit COMPONENT.wasm}: prints the component's world. */
final class WitCommand {
  private WitCommand() {}

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length != 1) {
      err.println("error: usage: wasi-http wit COMPONENT.wasm");
      return Main.ERROR;
    }
    try {
      out.print(Component.load(Path.of(args[0])).wit());
      return Main.OK;
    } catch (IOException e) {
      err.println("error: cannot read " + args[0] + ": " + e.getMessage());
      return Main.ERROR;
    } catch (ComponentException e) {
      err.println("error: " + e.getMessage());
      return Main.ERROR;
    }
  }
}
