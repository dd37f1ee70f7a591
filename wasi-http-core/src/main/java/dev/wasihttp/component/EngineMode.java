package dev.wasihttp.component;

/** How the core wasm code of a {@link Component} runs. */
public enum EngineMode {
  /** Chicory's interpreter runs every function; nothing is prepared when the component loads. */
  INTERPRETER,
  /**
   * Chicory's compiler turns each core module into JVM bytecode when the component loads, once for
   * every instance; a function too large for a JVM method may be left to the interpreter ({@link
   * EngineOptions#interpreterFallback()}).
   */
  COMPILER,
  /**
   * The compiler for every core module with at most {@link #AUTO_COMPILE_LIMIT} bytes of code; a
   * larger one (StarlingMonkey's has megabytes: Chicory takes half a minute and gigabytes of memory
   * to compile it) is compiled only when its classes are at hand, in the compile cache or on the
   * class path ({@code wasi-http compile}), and otherwise runs on the interpreter and is listed by
   * {@link Component#interpretedFunctions()}. The default of the servlet and of {@code serve}.
   */
  AUTO;

  /** The size of a core module's code section above which {@link #AUTO} does not compile it. */
  public static final int AUTO_COMPILE_LIMIT = 1 << 20;

  /**
   * The mode named {@code text}: {@code interpreter}, {@code compiler} or {@code auto}, in any
   * case.
   *
   * @throws IllegalArgumentException naming the choices otherwise
   */
  public static EngineMode parse(String text) {
    for (EngineMode m : values()) {
      if (m.name().equalsIgnoreCase(text.trim())) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "expected interpreter, compiler or auto, got \"" + text + "\"");
  }
}
