package dev.wasihttp.http.internal;

import dev.wasihttp.http.HttpExchange;
import dev.wasihttp.http.HttpField;
import dev.wasihttp.http.LogSink;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * One request's response, as the guest drives it: the {@link HttpExchange} response calls in the
 * order its contract demands ({@code respond}, body writes, then {@code finish} or {@code abort};
 * or {@code fail} instead of all of these). Every ending goes through here, so the handler can tell
 * afterwards whether the response was set, committed and cleanly finished.
 *
 * <p>A client that went away makes writes fail quietly (the guest sees a failed write, nothing
 * traps, one line is logged at most).
 */
public final class ResponseChannel {
  /** Where the response stands. */
  public enum State {
    /** Nothing sent; the guest has not called {@code response-outparam.set}. */
    UNSET,
    /** Status and headers committed; the body is streaming. */
    COMMITTED,
    /** Ended cleanly with {@code finish}. */
    FINISHED,
    /** Ended broken after commit. */
    ABORTED,
    /** Answered with an error status instead of the guest's response. */
    FAILED
  }

  private final HttpExchange exchange;
  private final LogSink log;
  private final String tag;
  private State state = State.UNSET;
  private OutputStream out;
  private boolean clientGone;

  public ResponseChannel(HttpExchange exchange, LogSink log, String tag) {
    this.exchange = exchange;
    this.log = log;
    this.tag = tag;
  }

  public State state() {
    return state;
  }

  /** Commits status and headers. */
  void respond(int status, List<HttpField> headers) {
    state = State.COMMITTED;
    try {
      exchange.respond(status, headers);
      out = exchange.responseBody();
    } catch (IOException e) {
      gone(e);
    }
  }

  /** Writes body bytes; false when the client is gone. */
  boolean write(byte[] b, int off, int len) {
    if (clientGone || state != State.COMMITTED) {
      return false;
    }
    try {
      out.write(b, off, len);
      return true;
    } catch (IOException e) {
      gone(e);
      return false;
    }
  }

  /** Flushes what was written to the client; false when the client is gone. */
  boolean flush() {
    if (clientGone || state != State.COMMITTED) {
      return false;
    }
    try {
      out.flush();
      return true;
    } catch (IOException e) {
      gone(e);
      return false;
    }
  }

  /** Ends the committed response cleanly; false when that failed (the client is gone). */
  boolean finish(List<HttpField> trailers) {
    if (state != State.COMMITTED) {
      return false;
    }
    if (clientGone) {
      abort("client went away before the body was finished");
      return false;
    }
    try {
      exchange.finish(trailers);
      state = State.FINISHED;
      return true;
    } catch (IOException e) {
      gone(e);
      abort("finishing the response failed: " + e.getMessage());
      return false;
    }
  }

  /** Ends a committed response as broken, logging why. No-op once it has ended. */
  public void abort(String reason) {
    if (state != State.COMMITTED) {
      return;
    }
    state = State.ABORTED;
    log.log(LogSink.Level.WARN, tag + "response aborted after it started: " + reason);
    exchange.abort(reason);
  }

  /** Answers {@code status} instead of the guest's response, logging why. Only while unset. */
  public void fail(int status, String reason) {
    if (state != State.UNSET) {
      return;
    }
    state = State.FAILED;
    log.log(LogSink.Level.WARN, tag + "answered " + status + ": " + reason);
    exchange.fail(status, reason);
  }

  private void gone(IOException e) {
    if (!clientGone) {
      clientGone = true;
      log.log(LogSink.Level.INFO, tag + "client went away: " + e);
    }
  }
}
