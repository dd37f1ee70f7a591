package dev.wasihttp.http.proxy;

import dev.wasihttp.component.errors.Trap;
import dev.wasihttp.http.LogSink;
import dev.wasihttp.http.internal.HttpState;
import dev.wasihttp.wasi.WasiExit;

/** How a request's guest ended, in words for the log, and the release of its state. */
final class Endings {
  /** How long to wait for a request body reader to leave the container's stream. */
  static final long READER_STOP_MILLIS = 2000;

  private Endings() {}

  /**
   * A trap's reason for the log, e.g. {@code "the guest trapped: unreachable"}; null for {@code
   * exit(ok)}, which ends the guest like a return.
   */
  static String describe(Trap t) {
    if (t instanceof WasiExit exit) {
      int status = exit.status();
      return status == 0 ? null : "the guest exited with status " + status;
    }
    return "the guest trapped: " + t.reason();
  }

  /**
   * Frees what the request held: stops its body reader (so it no longer touches the container's
   * stream, which the container recycles after the request) and closes the instance data.
   */
  static void release(HttpState state, Object data, LogSink log, String tag) {
    if (!state.body().stop(READER_STOP_MILLIS)) {
      log.log(
          LogSink.Level.WARN,
          tag + "the request body reader did not stop within " + READER_STOP_MILLIS + " ms");
    }
    if (data instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        log.log(LogSink.Level.WARN, tag + "closing the request state failed: " + e);
      }
    }
  }
}
