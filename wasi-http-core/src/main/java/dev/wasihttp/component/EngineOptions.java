package dev.wasihttp.component;

import dev.wasihttp.component.internal.engine.CompileCache;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How a component is loaded to run: its {@link EngineMode}, and whether the compiler may leave a
 * function it cannot compile to the interpreter. Chosen per {@link Component} ({@link
 * Component#decode(byte[], EngineOptions)}), since compiling is done once per core module when the
 * component loads, never on a call.
 *
 * @param mode interpreter or compiler
 * @param interpreterFallback in {@link EngineMode#COMPILER}: when true, a function the compiler
 *     cannot compile (its bytecode would exceed the JVM's 64 KB method limit) runs in the
 *     interpreter and is listed by {@link Component#interpretedFunctions()}; when false, loading
 *     such a component fails. Ignored by the interpreter.
 * @param compileCache in {@link EngineMode#COMPILER}: a directory where compiled core modules are
 *     kept, so that loading the same component again (after a restart) compiles nothing; null (the
 *     default here): none. Its classes are trusted code: the directory is created readable by its
 *     owner only, and one that others may write to fails the load. The servlet and {@code serve}
 *     default to {@code $XDG_CACHE_HOME/wasi-http}, else {@code ~/.cache/wasi-http}.
 */
public record EngineOptions(EngineMode mode, boolean interpreterFallback, Path compileCache) {
  /** The interpreter: the default. */
  public static final EngineOptions INTERPRETER =
      new EngineOptions(EngineMode.INTERPRETER, true, null);

  /** The compiler, leaving what it cannot compile to the interpreter. */
  public static final EngineOptions COMPILER = new EngineOptions(EngineMode.COMPILER, true, null);

  public EngineOptions {
    Objects.requireNonNull(mode, "mode");
  }

  /** The default options for {@code mode}: the compiler may fall back to the interpreter. */
  public static EngineOptions of(EngineMode mode) {
    return new EngineOptions(mode, true, null);
  }

  /** These options with {@link #interpreterFallback()} set to {@code on}. */
  public EngineOptions withInterpreterFallback(boolean on) {
    return new EngineOptions(mode, on, compileCache);
  }

  /** These options keeping compiled modules in {@code directory} (null: nowhere). */
  public EngineOptions withCompileCache(Path directory) {
    return new EngineOptions(mode, interpreterFallback, directory);
  }

  /**
   * The default directory of the compile cache: {@code $XDG_CACHE_HOME/wasi-http}, else {@code
   * ~/.cache/wasi-http}.
   */
  public static Path defaultCompileCache() {
    return CompileCache.defaultDirectory();
  }
}
