package dev.wasihttp.wasi.io;

import java.util.Objects;

/**
 * How a {@link HostInputStream} or {@link HostOutputStream} operation failed, in the two ways
 * {@code wasi:io/streams.stream-error} knows:
 *
 * <ul>
 *   <li>{@link #closed()}: the stream ended (end of input, or output that accepts no more). Not a
 *       failure: a reader's normal end of file.
 *   <li>{@link #failed(String, Object)}: the operation failed; the guest receives {@code
 *       last-operation-failed(error)} whose {@code to-debug-string} is {@code debug}, and whose
 *       {@code detail} interface-specific functions read (e.g. {@code filesystem-error-code},
 *       {@code http-error-code}). After a failure the stream is closed: the host answers every
 *       later operation with {@code closed} without calling the stream again.
 * </ul>
 */
public final class StreamError extends Exception {
  private static final long serialVersionUID = 1L;
  private static final StreamError CLOSED = new StreamError(null, null);

  private final transient Object detail;

  private StreamError(String debug, Object detail) {
    super(debug == null ? "closed" : debug, null, false, false);
    this.detail = detail;
  }

  /** The stream is closed (end of stream). */
  public static StreamError closed() {
    return CLOSED;
  }

  /**
   * The last operation failed.
   *
   * @param debug a human-readable reason for {@code error.to-debug-string}
   * @param detail an interface-specific value for functions such as {@code http-error-code}, or
   *     null
   */
  public static StreamError failed(String debug, Object detail) {
    return new StreamError(Objects.requireNonNull(debug, "debug"), detail);
  }

  /** Whether this is {@link #closed()} rather than a failure. */
  public boolean isClosed() {
    return this == CLOSED;
  }

  /** The interface-specific detail of a failure, or null. */
  public Object detail() {
    return detail;
  }
}
