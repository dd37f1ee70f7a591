package dev.wasihttp.http.proxy;

import dev.wasihttp.component.errors.Trap;
import dev.wasihttp.http.GuardedExchange;
import dev.wasihttp.http.LogSink;
import dev.wasihttp.http.internal.HttpState;
import dev.wasihttp.wasi.WasiExit;
import java.io.IOException;

/**
 * How a request's guest ended: in words for the log, as the exchange's ending and its {@link
 * HandlerMetrics.Outcome}, and the release of its state.
 */
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
   * Ends what the guest left open and says how the request ended; the one place that decides it.
   *
   * @param fault why the guest call failed (a trap, a host failure), or null: it returned
   * @param expired why its deadline fired (a timeout, a shutdown), or null: it did not
   * @param bodyFailure the request body's failure a read handed the guest, or null: a guest may
   *     return unfinished because of it, and the one line then says so
   */
  static HandlerMetrics.Outcome end(
      GuardedExchange exchange, String fault, String expired, IOException bodyFailure) {
    if (fault == null) {
      // Returned on its own (in time, or just as the deadline fired): its response stands.
      String cause =
          bodyFailure == null ? "" : " (after its request body failed: " + bodyFailure + ")";
      exchange.returned(
          "the guest returned without calling response-outparam.set" + cause,
          "the guest returned without finishing the outgoing-body" + cause);
    } else if (expired != null) {
      exchange.faulted(504, expired);
      return HandlerMetrics.Outcome.TIMEOUT;
    } else {
      exchange.faulted(fault);
      return HandlerMetrics.Outcome.TRAP;
    }
    return exchange.state() == GuardedExchange.State.ABORTED
        ? HandlerMetrics.Outcome.ABORTED
        : HandlerMetrics.ofStatus(exchange.status());
  }

  /**
   * Logs a request body whose read failed under the guest (malformed, or cut off by a client that
   * went away) when the exchange's ending said nothing: a response the guest finished anyway, for a
   * client still there. Otherwise the line about the ending (an abort, a failure, the client gone)
   * stands for the request, which is logged once either way.
   */
  static void reportBodyFailure(HttpState state, LogSink log, String tag) {
    IOException failure = state.body().reportedFailure();
    GuardedExchange exchange = state.exchange();
    if (failure != null
        && exchange.state() == GuardedExchange.State.FINISHED
        && !exchange.clientGone()) {
      log.log(LogSink.Level.INFO, tag + "the request body failed: " + failure);
    }
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
