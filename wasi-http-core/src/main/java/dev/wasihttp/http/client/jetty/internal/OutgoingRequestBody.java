package dev.wasihttp.http.client.jetty.internal;

import dev.wasihttp.component.values.Val;
import dev.wasihttp.http.HttpField;
import dev.wasihttp.http.client.ErrorCodes;
import dev.wasihttp.http.client.OutgoingBody;
import dev.wasihttp.wasi.io.StreamError;
import dev.wasihttp.wasi.io.Waker;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.eclipse.jetty.client.AsyncRequestContent;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.Callback;

/**
 * The body of an outgoing request: the guest's writes go into Jetty's {@link AsyncRequestContent},
 * which the client sends as the upstream accepts them. At most {@link #WINDOW} bytes are in flight
 * (written but not yet sent): {@code check-write} grants what is left of the window and the
 * stream's pollable becomes ready again when Jetty has sent bytes. The guest may write before
 * {@code outgoing-handler.handle} (up to the window) and after it.
 *
 * <p>{@code finish} ends the content (trailers go out through the request's trailers supplier); a
 * drop without {@code finish} fails the content, which aborts the request. A declared {@code
 * content-length} is enforced: writing past it or finishing short fails with {@code
 * HTTP-request-body-size}.
 *
 * <p>The guest's thread writes; Jetty's threads complete writes and report failures.
 */
final class OutgoingRequestBody implements OutgoingBody, AutoCloseable {
  /** Bytes the guest may have written and Jetty not yet sent (Wasmtime buffers one 1 MiB chunk). */
  static final int WINDOW = 1024 * 1024;

  /** The most one {@code check-write} grants. */
  static final int GRANT = 64 * 1024;

  private final AsyncRequestContent content = new AsyncRequestContent((String) null);
  private final Long declaredLength;
  private final Waker waker;
  private final Object lock = new Object();
  private long inFlight; // guarded by lock
  private Throwable failure; // guarded by lock: the content failed (the request failed)
  private volatile HttpFields trailers;
  private boolean finished;
  private boolean broken;
  private long written;

  OutgoingRequestBody(Long declaredLength, Waker waker) {
    this.declaredLength = declaredLength;
    this.waker = waker;
  }

  /** Bytes written and not yet sent. */
  @Override
  public long buffered() {
    synchronized (lock) {
      return inFlight;
    }
  }

  /**
   * What the request sends: the guest's bytes, with the declared {@code content-length} as the
   * content's length (Jetty otherwise drops the field and sends the body chunked).
   */
  Request.Content content() {
    if (declaredLength == null) {
      return content;
    }
    long length = declaredLength;
    return new Request.Content() {
      @Override
      public String getContentType() {
        return null; // no default content type: the guest's headers say it or nothing does
      }

      @Override
      public long getLength() {
        return length;
      }

      @Override
      public Content.Chunk read() {
        return content.read();
      }

      @Override
      public void demand(Runnable demandCallback) {
        content.demand(demandCallback);
      }

      @Override
      public void fail(Throwable failure) {
        content.fail(failure);
      }

      @Override
      public void fail(Throwable failure, boolean last) {
        content.fail(failure, last);
      }
    };
  }

  /** The trailers given to {@code finish}, for the request's trailers supplier. */
  HttpFields trailers() {
    return trailers;
  }

  @Override
  public long checkWrite() throws StreamError {
    check();
    synchronized (lock) {
      return Math.max(0, Math.min(GRANT, WINDOW - inFlight));
    }
  }

  @Override
  public void write(byte[] b) throws StreamError {
    check();
    if (declaredLength != null && written + b.length > declaredLength) {
      broken = true;
      long total = written + b.length;
      content.fail(new IOException("body longer than content-length " + declaredLength));
      throw StreamError.failed(
          "body of " + total + " bytes exceeds content-length " + declaredLength,
          ErrorCodes.requestBodySize(total));
    }
    written += b.length;
    int n = b.length;
    synchronized (lock) {
      inFlight += n;
    }
    content.write(ByteBuffer.wrap(b), Callback.from(() -> sent(n), this::failed));
  }

  private void sent(int n) {
    synchronized (lock) {
      inFlight -= n;
    }
    waker.wake();
  }

  /** The content failed: the request was aborted or failed; later writes fail. */
  void failed(Throwable x) {
    synchronized (lock) {
      if (failure == null) {
        failure = x;
      }
    }
    waker.wake();
  }

  private void check() throws StreamError {
    if (finished || broken) {
      throw StreamError.closed();
    }
    Throwable f;
    synchronized (lock) {
      f = failure;
    }
    if (f != null) {
      broken = true;
      throw StreamError.failed(
          "the outgoing request failed: " + f, TransportFailures.code(f, true));
    }
  }

  @Override
  public void flush() throws StreamError {
    check();
  }

  @Override
  public boolean writeReady() {
    synchronized (lock) {
      return inFlight < WINDOW || failure != null || finished || broken;
    }
  }

  @Override
  public Val finish(List<HttpField> trailerFields) {
    if (broken) {
      return ErrorCodes.of("HTTP-protocol-error");
    }
    finished = true;
    if (declaredLength != null && written != declaredLength) {
      content.fail(new IOException("body of " + written + " bytes, declared " + declaredLength));
      return ErrorCodes.requestBodySize(written);
    }
    if (!trailerFields.isEmpty()) {
      HttpFields.Mutable t = HttpFields.build();
      for (HttpField f : trailerFields) {
        t.add(f.name(), f.latin1Value());
      }
      trailers = t.asImmutable();
    }
    content.close();
    return null;
  }

  @Override
  public void dropped() {
    if (!finished && !broken) {
      broken = true;
      content.fail(new IOException("the guest dropped the outgoing-body without finish"));
    }
  }

  @Override
  public void close() {
    dropped();
  }
}
