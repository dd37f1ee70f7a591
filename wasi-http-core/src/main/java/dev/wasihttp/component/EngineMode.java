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
  COMPILER;

  /**
   * The mode named {@code text}: {@code interpreter} or {@code compiler}, in any case.
   *
   * @throws IllegalArgumentException naming the two choices otherwise
   */
  public static EngineMode parse(String text) {
    for (EngineMode m : values()) {
      if (m.name().equalsIgnoreCase(text.trim())) {
        return m;
      }
    }
    throw new IllegalArgumentException("expected interpreter or compiler, got \"" + text + "\"");
  }
}
