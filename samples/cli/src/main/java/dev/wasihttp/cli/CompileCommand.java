package dev.wasihttp.cli;

import dev.wasihttp.component.Component;
import dev.wasihttp.component.EngineOptions;
import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.component.internal.engine.CompileCache;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * {@code compile COMPONENT.wasm OUT.jar}: compiles the component's core modules with Chicory's
 * compiler, as {@code --engine compiler} would at deployment, and writes the result into a jar.
 * With that jar on the class path (or in {@code WEB-INF/lib}) a compiler-mode deployment of the
 * same component compiles nothing: it finds each module under {@code META-INF/wasi-http/compiled/}.
 */
final class CompileCommand {
  static final String USAGE = "usage: wasi-http compile COMPONENT.wasm OUT.jar";

  private CompileCommand() {}

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length != 2) {
      err.println("error: " + USAGE);
      return Main.ERROR;
    }
    Path component = Path.of(args[0]);
    Path jar = Path.of(args[1]);
    Path work = null;
    try {
      work = Files.createTempDirectory("wasi-http-compile");
      Path cache = work.resolve("cache");
      long start = System.nanoTime();
      Component c = Component.load(component, EngineOptions.COMPILER.withCompileCache(cache));
      List<Path> entries;
      try (Stream<Path> files = Files.list(cache)) {
        entries = files.filter(p -> p.toString().endsWith(".classes")).sorted().toList();
      }
      try (OutputStream file = Files.newOutputStream(jar);
          JarOutputStream entriesOut = new JarOutputStream(file)) {
        for (Path e : entries) {
          entriesOut.putNextEntry(new JarEntry(CompileCache.CLASS_PATH_PREFIX + e.getFileName()));
          Files.copy(e, entriesOut);
          entriesOut.closeEntry();
        }
      }
      out.println(
          "compiled "
              + entries.size()
              + " core modules of "
              + component
              + " into "
              + jar
              + " in "
              + (System.nanoTime() - start) / 1_000_000
              + " ms"
              + (c.interpretedFunctions().isEmpty()
                  ? ""
                  : "; left to the interpreter: " + c.interpretedFunctions()));
      return Main.OK;
    } catch (IOException e) {
      err.println("error: " + e.getMessage());
      return Main.ERROR;
    } catch (ComponentException e) {
      err.println("error: " + e.getMessage());
      return Main.ERROR;
    } finally {
      if (work != null) {
        try (Stream<Path> all = Files.walk(work)) {
          all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
          // A temporary directory left behind.
        }
      }
    }
  }
}
