package dev.wasihttp.http.client;

import dev.wasihttp.component.values.Val;
import dev.wasihttp.http.HttpField;
import dev.wasihttp.wasi.io.StreamError;
import java.util.List;

/**
 * What an {@code outgoing-body} writes to: the body of the guest's response (the host's own) or of
 * an outgoing request (made by the {@link OutgoingHandler}). The methods of the body's one {@code
 * output-stream} and of the body itself, called on the guest's thread; an implementation fed or
 * drained by other threads wakes the instance's waker when {@link #writeReady()} may have changed.
 *
 * <p>A write past a limit, or to a body that failed, throws {@link StreamError#failed} with an
 * {@code error-code} as its detail (the guest's {@code last-operation-failed}); once it failed or
 * finished, {@link StreamError#closed()}.
 */
public interface OutgoingBody {
  /**
   * {@code check-write}: how many bytes the guest may write now (0: wait for {@link #writeReady}).
   */
  long checkWrite() throws StreamError;

  /** {@code write}: the host has checked {@code b} against the last grant. */
  void write(byte[] b) throws StreamError;

  /** {@code flush}. */
  void flush() throws StreamError;

  /** The readiness of the stream's pollable. */
  boolean writeReady();

  /**
   * Bytes the guest wrote that the body holds and has not sent yet: host memory held on the guest's
   * behalf, recounted after each write and flush ({@code maxHostMemory}); 0 when it holds none, or
   * does not say.
   */
  default long buffered() {
    return 0;
  }

  /**
   * {@code outgoing-body.finish}, with the trailers to send (the host has checked that the stream
   * is gone).
   *
   * @return null on success, else the {@code error-code} to return
   */
  Val finish(List<HttpField> trailers);

  /**
   * The guest dropped the body without {@code finish}: an abort (a request is then failed, never
   * ended cleanly short).
   */
  void dropped();
}
