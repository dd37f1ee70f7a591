package dev.wasihttp.http;

/**
 * Where the wasi:http host writes its log lines: guest stdout and stderr (one call per line, tagged
 * with the component's name) and the host's own reports (a trap, a guest that never set a response,
 * an aborted body). Core has no logging dependency; the servlet routes this to the container's log.
 *
 * <p>Implementations must be thread-safe: requests log from their own threads.
 */
@FunctionalInterface
public interface LogSink {
  /** How much a line matters. */
  enum Level {
    /** Guest stdout, and the host's routine notes. */
    INFO,
    /** Guest stderr, and guest faults the client saw (a 500, an aborted response). */
    WARN,
    /** Failures of the host itself. */
    ERROR
  }

  /** Logs one line (no trailing newline). */
  void log(Level level, String line);

  /** A sink that writes {@code LEVEL line} to {@link System#err}. */
  static LogSink stderr() {
    return (level, line) -> System.err.println(level + " " + line);
  }

  /** A sink that drops everything. */
  static LogSink discard() {
    return (level, line) -> {};
  }
}
