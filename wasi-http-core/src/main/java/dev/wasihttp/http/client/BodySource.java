package dev.wasihttp.http.client;

import dev.wasihttp.component.values.Val;
import dev.wasihttp.http.HttpField;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeoutException;

/**
 * What an {@code incoming-body} reads from: the body of the incoming request (the host's own) or of
 * a response to an outgoing request (made by the {@link OutgoingHandler}). Bytes arrive on another
 * thread into a bounded buffer; the guest's thread drains it without blocking. Implementations are
 * thread-safe and wake the instance's waker ({@link FutureIncomingResponse#waker()}) when {@link
 * #ready()} changes.
 */
public interface BodySource {
  /**
   * The guest took the body's stream: start producing (on {@code executor} if a thread is needed).
   */
  void start(ExecutorService executor);

  /** Whether {@link #read} would return bytes or throw, or the body ended. */
  boolean ready();

  /**
   * Up to {@code max} buffered bytes, without blocking: empty when none are buffered yet.
   *
   * @return null at the end of the body
   * @throws IOException when the body failed
   */
  byte[] read(int max) throws IOException;

  /**
   * The most bytes the source buffers ahead of the guest: host memory held on the guest's behalf
   * while it holds the body ({@code maxHostMemory}); 0 when it buffers nothing, or does not say.
   */
  default long capacity() {
    return 0;
  }

  /** Whether the body reached its end (trailers are known). */
  boolean ended();

  /** The failure that ended the body, or null. */
  IOException failure();

  /** The trailers once {@link #ended()}, else null. */
  List<HttpField> trailers();

  /** The guest finished the body before its end: keep nothing more, but learn the trailers. */
  void drain(ExecutorService executor);

  /** The guest dropped the body or the instance ended: stop producing, release the source. */
  default void cancel() {}

  /**
   * The {@code error-code} a failure of this body gives the guest ({@code http-error-code} of a
   * failed read, {@code future-trailers.get}), payload included.
   */
  default Val errorCode(IOException failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SocketTimeoutException
          || t instanceof InterruptedIOException
          || t instanceof TimeoutException) {
        return ErrorCodes.of("connection-read-timeout");
      }
    }
    return ErrorCodes.of("connection-terminated");
  }
}
