package dev.wasihttp.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.List;

/**
 * The state machine that decides how an exchange ends, and the only place that knows the rules: it
 * wraps an {@link HttpExchange} and passes on only the response calls its contract allows, so the
 * wrapped exchange (a container's mapping) never has to decide anything. Every handler runs on one:
 * the wasi:http host and plain Java {@link ExchangeHandler}s alike ({@link #run}).
 *
 * <p>{@link State#UNCOMMITTED} → {@link #respond} → {@link State#COMMITTED} → {@link #finish} →
 * {@link State#FINISHED}, or {@link #abort} → {@link State#ABORTED}; {@link State#UNCOMMITTED} →
 * {@link #fail} → {@link State#FAILED}. The rules:
 *
 * <ul>
 *   <li>{@code respond} once, only while nothing is committed (else {@link IllegalStateException}:
 *       a handler bug);
 *   <li>{@code fail} only while nothing is committed: after commit it aborts instead, since the
 *       status has gone out;
 *   <li>{@code abort} only after commit: before, it fails with 500 instead, since there is nothing
 *       to break yet;
 *   <li>at most one ending: once finished, aborted or failed, {@code abort} and {@code fail} are
 *       ignored and {@code finish} throws {@link IOException};
 *   <li>a write, flush, {@code respond} or {@code finish} of the wrapped exchange that throws
 *       {@link IOException} means the client went away: logged once, later writes fail at once
 *       without touching the wrapped exchange, and a {@code finish} then aborts;
 *   <li>after the handler, {@link #returned} and {@link #faulted} end what it left open: {@link
 *       HttpExchange#failUnanswered} with 500 (or the fault's status, e.g. 504 for a deadline)
 *       before commit, {@code abort} after;
 *   <li>every {@code fail} and {@code abort} is logged at {@code WARN} with its reason, so the
 *       wrapped exchange need not log it; a {@link #reject} is not (refusals come in bursts: the
 *       handler logs them at its own rate); once the client went away, that one line ({@code INFO})
 *       says how the request ended, and an abort that follows from it is not logged again (a fault
 *       of the handler's still is).
 * </ul>
 *
 * <p>The request side is passed through unchanged. The response side is used by one thread at a
 * time (the handler's); {@link #state()} may be read after the handler returns.
 */
public final class GuardedExchange extends HttpExchangeWrapper {
  /** Where the response stands. */
  public enum State {
    /** Nothing sent yet: {@code respond} or {@code fail} may come. */
    UNCOMMITTED,
    /** Status and headers committed; the body is streaming. */
    COMMITTED,
    /** Ended cleanly with {@code finish}. */
    FINISHED,
    /** Ended broken after commit. */
    ABORTED,
    /** Answered with an error status instead of a response. */
    FAILED
  }

  private final LogSink log;
  private final String tag;
  private final OutputStream body = new Body();
  private State state = State.UNCOMMITTED;
  private int status;
  private OutputStream out;
  private boolean clientGone;
  private boolean clientGoneLogged; // the one line of a request whose client went away

  private GuardedExchange(HttpExchange exchange, LogSink log, String tag) {
    super(exchange);
    this.log = log;
    this.tag = tag;
  }

  /**
   * {@code exchange} guarded, logging to {@code log} with every line starting with {@code tag}
   * (e.g. {@code "[name] "}); an exchange already guarded is returned as it is, so a handler that
   * guards what it is given (the wasi:http host does) shares its caller's state machine.
   */
  public static GuardedExchange of(HttpExchange exchange, LogSink log, String tag) {
    return exchange instanceof GuardedExchange g ? g : new GuardedExchange(exchange, log, tag);
  }

  /**
   * Runs {@code handler} on {@code exchange} guarded, then ends what it left open: a handler that
   * throws is logged at {@code ERROR} and ends as {@link #faulted}; one that returns without ending
   * the exchange gets {@code fail(500)} before commit and {@code abort} after. Returns the guarded
   * exchange, ended.
   */
  public static GuardedExchange run(
      ExchangeHandler handler, HttpExchange exchange, LogSink log, String tag) {
    GuardedExchange guarded = of(exchange, log, tag);
    try {
      handler.handle(guarded);
    } catch (RuntimeException e) {
      String fault = "handler failed: " + e;
      guarded.log.log(LogSink.Level.ERROR, guarded.tag + fault);
      guarded.faulted(fault);
      return guarded;
    }
    guarded.returned(
        "the handler returned without responding",
        "the handler returned without ending the exchange");
    return guarded;
  }

  /** Where the response stands. */
  public State state() {
    return state;
  }

  /** The status committed by {@link #respond} or answered by {@link #fail}; 0 before either. */
  public int status() {
    return status;
  }

  /** Whether a response call of the wrapped exchange failed: the client went away. */
  public boolean clientGone() {
    return clientGone;
  }

  /**
   * The handler returned: fails with 500 and {@code neverResponded} when nothing was committed,
   * aborts with {@code leftOpen} when the body was left unfinished; nothing once ended.
   */
  public void returned(String neverResponded, String leftOpen) {
    switch (state) {
      case UNCOMMITTED -> unanswered(500, neverResponded);
      case COMMITTED -> abort(leftOpen);
      case FINISHED, ABORTED, FAILED -> {}
    }
  }

  /**
   * The handler ended by a fault ({@code fault} says which: a trap, an exception): fails with 500
   * when nothing was committed, aborts after commit, and only logs it once ended.
   */
  public void faulted(String fault) {
    faulted(500, fault);
  }

  /**
   * The handler ended by a fault: fails with {@code status} (500 for a trap, 504 for a deadline)
   * when nothing was committed, aborts after commit, and only logs it once ended.
   */
  public void faulted(int status, String fault) {
    switch (state) {
      case UNCOMMITTED -> unanswered(status, fault);
      case COMMITTED -> {
        if (clientGoneLogged) {
          // The abort is the client's doing; the fault is the handler's, and worth its line.
          log.log(LogSink.Level.WARN, tag + "after the client went away: " + fault);
        }
        abort("error after the response started: " + fault);
      }
      case FINISHED, ABORTED, FAILED ->
          log.log(LogSink.Level.WARN, tag + "after the response ended: " + fault);
    }
  }

  // ---- the response side, by the rules (the request side is passed on unchanged) ----

  /**
   * Commits status and headers.
   *
   * @throws IllegalStateException if a response was committed or the exchange ended
   * @throws IOException if the client went away (the exchange is committed all the same)
   */
  @Override
  public void respond(int status, List<HttpField> headers) throws IOException {
    if (state != State.UNCOMMITTED) {
      throw new IllegalStateException("respond after the response was " + state);
    }
    state = State.COMMITTED;
    this.status = status;
    try {
      wrapped().respond(status, headers);
      out = wrapped().responseBody();
    } catch (IOException e) {
      gone(e);
      throw e;
    }
  }

  /**
   * The response body: writes fail with {@link IOException} once the client is gone or the exchange
   * ended; {@code close()} does nothing (the exchange ends with {@link #finish} or {@link #abort}).
   *
   * @throws IllegalStateException before {@link #respond}
   */
  @Override
  public OutputStream responseBody() {
    if (state == State.UNCOMMITTED || state == State.FAILED) {
      throw new IllegalStateException("no response was committed");
    }
    return body;
  }

  /**
   * Ends the committed response cleanly.
   *
   * @throws IllegalStateException before {@link #respond}
   * @throws IOException if the exchange ended already, or the client went away (the response is
   *     then aborted)
   */
  @Override
  public void finish(List<HttpField> trailers) throws IOException {
    switch (state) {
      case UNCOMMITTED -> throw new IllegalStateException("finish before respond");
      case FINISHED, ABORTED, FAILED -> throw new IOException("the response already ended");
      case COMMITTED -> {}
    }
    if (clientGone) {
      abort("client went away before the body was finished");
      throw new IOException("the client went away");
    }
    try {
      wrapped().finish(trailers);
      state = State.FINISHED;
    } catch (IOException e) {
      gone(e);
      abort("finishing the response failed: " + e.getMessage());
      throw e;
    }
  }

  /**
   * Breaks the committed response, logging why; fails with 500 before commit; once ended, no-op.
   */
  @Override
  public void abort(String reason) {
    switch (state) {
      case UNCOMMITTED -> fail(500, reason);
      case COMMITTED -> {
        state = State.ABORTED;
        if (!clientGoneLogged) { // else the client-went-away line told how this request ended
          log.log(LogSink.Level.WARN, tag + "response aborted after it started: " + reason);
        }
        wrapped().abort(reason);
      }
      case FINISHED, ABORTED, FAILED -> {}
    }
  }

  /** Answers {@code status}, logging why; aborts after commit; once ended, no-op. */
  @Override
  public void fail(int status, String reason) {
    fail(status, List.of(), reason);
  }

  /**
   * Answers {@code status} with {@code headers}, logging why; aborts after commit; once ended,
   * no-op.
   */
  @Override
  public void fail(int status, List<HttpField> headers, String reason) {
    if (state == State.UNCOMMITTED) {
      log.log(LogSink.Level.WARN, tag + "answered " + status + ": " + reason);
    }
    answer(status, headers, reason);
  }

  /**
   * The handler gives no answer (see {@link HttpExchange#failUnanswered}), logging why; aborts
   * after commit; once ended, no-op.
   */
  @Override
  public void failUnanswered(int status, String reason) {
    switch (state) {
      case UNCOMMITTED -> unanswered(status, reason);
      case COMMITTED -> abort(reason);
      case FINISHED, ABORTED, FAILED -> {}
    }
  }

  /**
   * Answers {@code status} with {@code headers} for a request the handler will not run (e.g. 503
   * with {@code Retry-After} when it is busy or shutting down), without a log line: refusals come
   * in bursts, and the handler logs them at a rate of its own. Otherwise as {@link #fail}.
   */
  public void reject(int status, List<HttpField> headers, String reason) {
    answer(status, headers, reason);
  }

  /** The handler gave no answer: {@link HttpExchange#failUnanswered}, logged as a failure. */
  private void unanswered(int status, String reason) {
    log.log(LogSink.Level.WARN, tag + "answered " + status + ": " + reason);
    state = State.FAILED;
    this.status = status;
    wrapped().failUnanswered(status, reason);
  }

  private void answer(int status, List<HttpField> headers, String reason) {
    switch (state) {
      case UNCOMMITTED -> {
        state = State.FAILED;
        this.status = status;
        wrapped().fail(status, headers, reason);
      }
      case COMMITTED -> abort(reason);
      case FINISHED, ABORTED, FAILED -> {}
    }
  }

  private void gone(IOException e) {
    if (!clientGone) {
      clientGone = true;
      // An interrupted write is the request's deadline (or a shutdown), not the client: that
      // ending is logged by whoever interrupted, once.
      if (!(e instanceof InterruptedIOException)) {
        log.log(LogSink.Level.INFO, tag + "client went away: " + e);
        clientGoneLogged = true;
      }
    }
  }

  /** The body stream handed to the handler: writes reach the client only while they may. */
  private final class Body extends OutputStream {
    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      check();
      try {
        out.write(b, off, len);
      } catch (IOException e) {
        gone(e);
        throw e;
      }
    }

    @Override
    public void flush() throws IOException {
      check();
      try {
        out.flush();
      } catch (IOException e) {
        gone(e);
        throw e;
      }
    }

    @Override
    public void close() {
      // The exchange ends with finish or abort, not with its stream.
    }

    private void check() throws IOException {
      if (clientGone) {
        throw new IOException("the client went away");
      }
      if (state != State.COMMITTED) {
        throw new IOException("the response has ended (" + state + ")");
      }
    }
  }
}
