package dev.wasihttp.component;

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
 */
public record EngineOptions(EngineMode mode, boolean interpreterFallback) {
  /** The interpreter: the default. */
  public static final EngineOptions INTERPRETER = new EngineOptions(EngineMode.INTERPRETER, true);

  /** The compiler, leaving what it cannot compile to the interpreter. */
  public static final EngineOptions COMPILER = new EngineOptions(EngineMode.COMPILER, true);

  public EngineOptions {
    Objects.requireNonNull(mode, "mode");
  }

  /** The default options for {@code mode}: the compiler may fall back to the interpreter. */
  public static EngineOptions of(EngineMode mode) {
    return new EngineOptions(mode, true);
  }

  /** These options with {@link #interpreterFallback()} set to {@code on}. */
  public EngineOptions withInterpreterFallback(boolean on) {
    return new EngineOptions(mode, on);
  }
}
