package dev.wasihttp.wasi;

/**
 * Receives a guest's standard output or standard error one line at a time, tagged with the
 * component's name (from {@link WasiConfig#componentName()}). Lines come without their line
 * terminator ({@code \n} or {@code \r\n}), decoded as UTF-8 with malformed bytes replaced.
 *
 * <p>Implementations must be thread-safe: instances running on different threads share a sink.
 */
@FunctionalInterface
public interface LineSink {
  /** One line the component named {@code component} wrote. */
  void line(String component, String line);

  /** A sink that prints {@code [component] line} to {@link System#out}. */
  static LineSink systemOut() {
    return (component, line) -> System.out.println("[" + component + "] " + line);
  }

  /** A sink that prints {@code [component] line} to {@link System#err}. */
  static LineSink systemErr() {
    return (component, line) -> System.err.println("[" + component + "] " + line);
  }

  /** A sink that drops every line. */
  static LineSink discard() {
    return (component, line) -> {};
  }
}
