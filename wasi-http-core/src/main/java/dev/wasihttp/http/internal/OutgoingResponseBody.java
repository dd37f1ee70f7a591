package dev.wasihttp.http.internal;

import dev.wasihttp.component.errors.Trap;
import dev.wasihttp.component.values.Val;
import dev.wasihttp.http.GuardedExchange;
import dev.wasihttp.http.HttpField;
import dev.wasihttp.http.client.ErrorCodes;
import dev.wasihttp.http.client.OutgoingBody;
import dev.wasihttp.wasi.io.StreamError;
import dev.wasihttp.wasi.io.Waker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The body of the guest's response: what its {@code outgoing-body} (a {@link HostOutgoingBody}) and
 * that body's one {@code output-stream} write to.
 *
 * <p>Once the response is set ({@link #attach}), bytes go straight to the exchange on the guest's
 * thread: {@code check-write} grants {@link #GRANT} bytes at a time and the stream is always ready,
 * a write blocks only as long as the container's output does. Before {@code set}, writes are held
 * in memory up to {@link #MAX_BEFORE_SET} bytes (a guest may write its body before setting the
 * response); beyond that {@code check-write} grants nothing until {@code set}.
 *
 * <p>A declared {@code content-length} is enforced: writing past it fails the write with {@code
 * HTTP-response-body-size} and breaks the body; finishing with a different total fails too and
 * aborts the response. HEAD requests and 204/304 responses are exempt: their body bytes are counted
 * by nobody and discarded. A body that breaks before its response is set ({@link
 * #failedBeforeSet()}) makes {@code set} answer a 500, since nothing was committed yet.
 */
final class OutgoingResponseBody implements OutgoingBody {
  /** What one {@code check-write} grants. */
  public static final int GRANT = 64 * 1024;

  /** Bytes held before {@code response-outparam.set}. */
  public static final int MAX_BEFORE_SET = 1024 * 1024;

  private enum State {
    OPEN,
    FINISHED,
    BROKEN
  }

  private final Long declaredLength;
  private final BooleanSupplier exemptBeforeSet;
  private String brokenReason;
  private State state = State.OPEN;
  private StreamError failure;
  private Val failureCode;
  private GuardedExchange exchange;
  private boolean discard;
  private ByteArrayOutputStream pending = new ByteArrayOutputStream();
  private long written;
  private boolean finishedBeforeSet;
  private List<HttpField> trailers;
  private boolean droppedBeforeSet;

  // A flush, made when the guest's thread next waits or when the body ends (see Waker.beforeWait),
  // after a write or a flush the guest asked for; a failure then is reported by the stream's next
  // operation.
  private Waker waker;
  private BooleanSupplier holdFlush = () -> false;
  private boolean flushDeferred;
  private boolean flushFailed;

  /** A body for a response whose headers declare {@code declaredLength} (null: none). */
  OutgoingResponseBody(Long declaredLength) {
    this(declaredLength, () -> false);
  }

  /**
   * A response body; {@code exemptBeforeSet} tells, while the response is not set yet, whether it
   * is exempt from the length check (a HEAD request, a 204 or 304 status so far).
   */
  OutgoingResponseBody(Long declaredLength, BooleanSupplier exemptBeforeSet) {
    this.declaredLength = declaredLength;
    this.exemptBeforeSet = exemptBeforeSet;
  }

  /**
   * The response was set: from now on bytes go to {@code exchange}. {@code exempt} (HEAD, 204, 304)
   * discards body bytes and skips the length check. Replays what was written before.
   */
  void attach(GuardedExchange exchange, boolean exempt, Waker waker) {
    attach(exchange, exempt, waker, () -> false);
  }

  /**
   * {@link #attach(GuardedExchange, boolean, Waker)}, where flushes wait while {@code holdFlush}
   * says so (see {@link IncomingBodyReader#awaitsContinue}).
   */
  void attach(GuardedExchange exchange, boolean exempt, Waker waker, BooleanSupplier holdFlush) {
    this.exchange = exchange;
    this.waker = waker;
    this.holdFlush = holdFlush;
    this.discard = exempt;
    byte[] early = pending.toByteArray();
    pending = null;
    if (!exempt && declaredLength != null && early.length > declaredLength) {
      state = State.BROKEN;
      exchange.abort("body longer than content-length " + declaredLength);
      return;
    }
    if (!exempt && early.length > 0) {
      send(early);
    }
    if (finishedBeforeSet) {
      complete(trailers);
    } else if (droppedBeforeSet) {
      exchange.abort("outgoing-body dropped without finish");
    } else if (state == State.OPEN) {
      deferFlush(); // status and headers reach the client when the guest waits (long polling, SSE)
    }
  }

  /**
   * Why this body failed before its response was set (dropped unfinished, written past its {@code
   * content-length}, finished with another length), or null: then nothing was committed yet and the
   * response is answered with a 500 instead.
   */
  String failedBeforeSet() {
    return exchange == null && state == State.BROKEN ? brokenReason : null;
  }

  // ---- output-stream ----

  /** What is held for the guest: the bytes written before {@code set}, until {@code set}. */
  @Override
  public long buffered() {
    return pending == null ? 0 : pending.size();
  }

  /** {@code check-write}: bytes the guest may write now. */
  public long checkWrite() throws StreamError {
    checkOpen();
    return exchange != null ? GRANT : Math.min(GRANT, MAX_BEFORE_SET - pending.size());
  }

  /** {@code write}: the wasi:io host has checked {@code b} against the last grant. */
  public void write(byte[] b) throws StreamError {
    checkOpen();
    if (discard) {
      return;
    }
    if (declaredLength != null && written + b.length > declaredLength) {
      long total = written + b.length;
      throw broken(
          "body of " + total + " bytes exceeds content-length " + declaredLength,
          ErrorCodes.responseBodySize(total));
    }
    written += b.length;
    if (exchange == null) {
      if (pending.size() + b.length > MAX_BEFORE_SET) {
        throw new Trap("write exceeded budget before response-outparam.set");
      }
      pending.writeBytes(b);
    } else if (!send(b)) {
      clientGone();
    } else {
      // Written bytes reach the client by the time the guest waits, flush or not: an echo that
      // writes what it read and reads again must not leave the echo in the container's buffer.
      deferFlush();
    }
  }

  /** {@code flush} / {@code blocking-flush}. */
  public void flush() throws StreamError {
    checkOpen();
    if (exchange != null && !discard) {
      deferFlush();
    }
  }

  private void deferFlush() {
    if (!flushDeferred) {
      flushDeferred = true;
      waker.beforeWait(this::flushNow);
    }
  }

  /**
   * The deferred flush; a body that ended since has nothing to flush. While {@code holdFlush} says
   * so (the client waits for a {@code 100 Continue} that a committed response would cancel), it is
   * put off to the next wait.
   */
  private void flushNow() {
    if (state == State.OPEN && holdFlush.getAsBoolean()) {
      waker.beforeWait(this::flushNow);
      return;
    }
    flushDeferred = false;
    if (state == State.OPEN && !flushToClient()) {
      flushFailed = true;
    }
  }

  /** Whether the body can take no more writes (finished or failed). */
  boolean checkWriteClosed() {
    return state != State.OPEN;
  }

  /** Whether the stream's pollable is ready: always, but while the early buffer is full. */
  public boolean writeReady() {
    return exchange != null || state != State.OPEN || pending.size() < MAX_BEFORE_SET;
  }

  private void clientGone() throws StreamError {
    throw broken("the client went away", ErrorCodes.of("connection-terminated"));
  }

  private StreamError broken(String debug, Val code) {
    state = State.BROKEN;
    brokenReason = debug;
    failureCode = code;
    failure = StreamError.failed(debug, code);
    return failure;
  }

  private void checkOpen() throws StreamError {
    if (state != State.OPEN) { // after last-operation-failed the stream is closed
      throw StreamError.closed();
    }
    if (flushFailed) {
      flushFailed = false;
      clientGone();
    }
  }

  // ---- outgoing-body ----

  /**
   * {@code outgoing-body.finish} (the resource table has checked that no stream lives).
   *
   * @return null on success, else the {@code error-code} to return
   */
  public Val finish(List<HttpField> trailers) {
    if (state == State.BROKEN) {
      if (exchange != null) {
        exchange.abort("finish after the body failed");
      }
      return failureCode != null ? failureCode : ErrorCodes.responseBodySize(written);
    }
    if (exchange == null) {
      if (!exemptBeforeSet.getAsBoolean() && declaredLength != null && written != declaredLength) {
        state = State.BROKEN;
        brokenReason =
            "body of " + written + " bytes finished, content-length declared " + declaredLength;
        failureCode = ErrorCodes.responseBodySize(written);
        return failureCode;
      }
      finishedBeforeSet = true;
      this.trailers = trailers;
      state = State.FINISHED;
      return null;
    }
    return complete(trailers);
  }

  private Val complete(List<HttpField> trailers) {
    if (!discard && declaredLength != null && written != declaredLength) {
      state = State.BROKEN;
      exchange.abort("body of " + written + " bytes, content-length declared " + declaredLength);
      return ErrorCodes.responseBodySize(written);
    }
    state = State.FINISHED;
    try {
      exchange.finish(trailers == null ? List.of() : trailers);
      return null;
    } catch (IOException e) {
      return ErrorCodes.of("connection-terminated"); // the exchange aborted the response
    }
  }

  /** Writes to the client; false when it is gone (the exchange noted it). */
  private boolean send(byte[] b) {
    try {
      exchange.responseBody().write(b);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Flushes to the client; false when it is gone. */
  private boolean flushToClient() {
    try {
      exchange.responseBody().flush();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The guest dropped the body without {@code finish}: the response is aborted. */
  public void dropped() {
    if (state == State.FINISHED) {
      return;
    }
    if (exchange != null) {
      state = State.BROKEN;
      exchange.abort("outgoing-body dropped without finish");
    } else if (state != State.BROKEN) {
      state = State.BROKEN;
      brokenReason = "the guest dropped its outgoing-body unfinished";
      droppedBeforeSet = true;
    }
  }
}
