package dev.wasihttp.http.client.inprocess.internal;

import dev.wasihttp.component.values.Val;
import dev.wasihttp.http.HttpField;
import dev.wasihttp.http.client.ErrorCodes;
import dev.wasihttp.http.client.OutgoingBody;
import dev.wasihttp.http.client.OutgoingHandler;
import dev.wasihttp.wasi.io.StreamError;
import dev.wasihttp.wasi.io.Waker;
import java.io.IOException;
import java.util.List;

/**
 * The body of an outgoing request whose destination is not known yet: the guest's writes go into a
 * {@link BodyPipe} of {@link #WINDOW} bytes until {@code outgoing-handler.handle} binds it, either
 * to an in-process exchange, which then reads that very pipe ({@link #bindInProcess}), or to a body
 * the delegate handler makes, into which the bytes held are replayed and every later call passes
 * ({@link #bindTo}). {@code check-write} grants what is left of the window, so what the guest
 * writes ahead of the reader is bounded, and counted as its host memory ({@link #buffered()}); the
 * reader taking bytes wakes the guest's waker.
 *
 * <p>A declared {@code content-length} is enforced as the Jetty handler does: writing past it, or
 * finishing short, fails with {@code HTTP-request-body-size}, and the reader sees the body fail. A
 * drop without {@code finish} fails the body for the reader (an abort).
 *
 * <p>Called on the guest's thread; the pipe is shared with the reader's.
 */
final class RoutedRequestBody implements OutgoingBody {
  /**
   * 1 MiB: bytes the guest may have written and the reader not yet taken, as the Jetty handler's
   * window (a delegate's body must take that many before {@code handle} for the replay).
   */
  static final int WINDOW = 1024 * 1024;

  /** 64 KiB: the most one {@code check-write} grants. */
  static final int GRANT = 64 * 1024;

  private final Long declaredLength;
  private final Waker waker;
  private final BodyPipe pipe;
  private OutgoingBody delegate; // once bound to the delegate handler's body
  private Runnable onBroken; // once bound in process
  private boolean bound;
  private boolean finished;
  private boolean broken;
  private long written;

  RoutedRequestBody(Long declaredLength, Waker waker) {
    this.declaredLength = declaredLength;
    this.waker = waker;
    this.pipe = new BodyPipe(WINDOW, null, waker::wake);
  }

  /** Whether {@code handle} has bound it already (a body is sent once). */
  boolean bound() {
    return bound;
  }

  /**
   * Binds the body to an in-process exchange, which reads its {@link #pipe()}; {@code onBroken}
   * runs when the guest breaks the body (drops it unfinished, writes past its length or finishes it
   * short; before now, or later): the exchange's client went away, as the Jetty handler aborts such
   * a request.
   */
  void bindInProcess(Runnable onBroken) {
    bound = true;
    this.onBroken = onBroken;
    if (broken) {
      onBroken.run();
    }
  }

  /** What the guest's writes go into: the in-process exchange's request body. */
  BodyPipe pipe() {
    return pipe;
  }

  /**
   * Binds the body to one {@code handler} makes for the same request, replaying what the guest has
   * written (and its {@code finish} or drop), and returns it; every later call goes to it.
   *
   * @throws IllegalStateException when that body took fewer than the bytes held before {@code
   *     handle} (it is dropped, so the request fails)
   */
  OutgoingBody bindTo(OutgoingHandler handler) {
    bound = true;
    OutgoingBody target = handler.body(declaredLength, waker);
    delegate = target;
    if (broken) {
      target.dropped();
      return target;
    }
    try {
      while (pipe.size() > 0) {
        long grant = target.checkWrite();
        if (grant <= 0) {
          target.dropped();
          throw new IllegalStateException(
              "the delegate's request body took less than " + WINDOW + " bytes before handle");
        }
        target.write(pipe.poll((int) Math.min(grant, GRANT)));
      }
    } catch (StreamError | IOException e) {
      target.dropped(); // the delegate's body failed at once: its request fails with it
      return target;
    }
    if (finished) {
      target.finish(pipe.trailers()); // the length was checked here already
    }
    return target;
  }

  @Override
  public long checkWrite() throws StreamError {
    if (delegate != null) {
      return delegate.checkWrite();
    }
    check();
    return Math.min(GRANT, pipe.room());
  }

  @Override
  public void write(byte[] b) throws StreamError {
    if (delegate != null) {
      delegate.write(b);
      return;
    }
    check();
    if (declaredLength != null && written + b.length > declaredLength) {
      long total = written + b.length;
      breakBody(new IOException("body longer than content-length " + declaredLength));
      throw StreamError.failed(
          "body of " + total + " bytes exceeds content-length " + declaredLength,
          ErrorCodes.requestBodySize(total));
    }
    written += b.length;
    try {
      pipe.offer(b);
    } catch (IOException e) {
      throw failed(e);
    }
  }

  @Override
  public void flush() throws StreamError {
    if (delegate != null) {
      delegate.flush();
      return;
    }
    check();
  }

  @Override
  public boolean writeReady() {
    if (delegate != null) {
      return delegate.writeReady();
    }
    return finished || broken || pipe.room() > 0 || pipe.failure() != null;
  }

  /** Bytes written and not yet taken by the reader (or the delegate's count, once bound to it). */
  @Override
  public long buffered() {
    return delegate != null ? delegate.buffered() : pipe.size();
  }

  @Override
  public Val finish(List<HttpField> trailers) {
    if (delegate != null) {
      return delegate.finish(trailers);
    }
    if (broken) {
      return ErrorCodes.of("HTTP-protocol-error");
    }
    finished = true;
    if (declaredLength != null && written != declaredLength) {
      breakBody(new IOException("body of " + written + " bytes, declared " + declaredLength));
      return ErrorCodes.requestBodySize(written);
    }
    pipe.end(trailers);
    return null;
  }

  @Override
  public void dropped() {
    if (delegate != null) {
      delegate.dropped();
      return;
    }
    if (!finished && !broken) {
      breakBody(new IOException("the guest dropped the outgoing-body without finish"));
    }
  }

  /** The guest broke the body: the reader sees {@code e}, and the exchange its client go away. */
  private void breakBody(IOException e) {
    broken = true;
    if (onBroken != null) {
      onBroken.run(); // first: the reader that wakes finds its client gone
    }
    pipe.fail(e);
  }

  private void check() throws StreamError {
    if (finished || broken) {
      throw StreamError.closed();
    }
    IOException f = pipe.failure();
    if (f != null) {
      throw failed(f);
    }
  }

  /** The reader's side failed the body (the exchange ended badly): the stream fails, once. */
  private StreamError failed(IOException f) {
    broken = true;
    return StreamError.failed(
        "the outgoing request failed: " + f.getMessage(), ErrorCodes.of("connection-terminated"));
  }
}
