package dev.wasihttp.wasi.io;

/**
 * The host side of a {@code wasi:io/streams.output-stream}: a response body, standard output. The
 * wasi:io host builds the guest-visible contract on these few methods and enforces it: a {@code
 * write} longer than the last {@link #checkWrite()} grant traps before it reaches {@link #write};
 * {@code blocking-write-and-flush} (at most 4096 bytes) loops over {@link #checkWrite()}, {@link
 * #write}, {@link #flush()} and waits on {@link #ready()}; {@code write-zeroes} and {@code splice}
 * are writes too.
 *
 * <p>Threads: the methods are called on the guest's thread. If the stream drains on another thread
 * (a network write), that thread calls {@link Waker#wake()} after it changed what {@link #ready()}
 * answers.
 */
public interface HostOutputStream extends AutoCloseable {
  /**
   * How many bytes may be written now without blocking: 0 when the buffer is full or a flush is
   * still running.
   *
   * @throws StreamError {@link StreamError#closed()} when the stream accepts no more, or {@link
   *     StreamError#failed} when an earlier write or flush failed
   */
  long checkWrite() throws StreamError;

  /**
   * Accepts {@code bytes}, never more than the last {@link #checkWrite()} granted (the host
   * checks), without blocking.
   */
  void write(byte[] bytes) throws StreamError;

  /** Starts flushing what was written; {@link #checkWrite()} answers 0 until it is done. */
  void flush() throws StreamError;

  /**
   * Whether {@link #checkWrite()} would return more than 0 or throw. Also the readiness of the
   * stream's pollable.
   */
  boolean ready();

  /** The guest dropped the stream (or the instance ended): release what it holds. No-op default. */
  @Override
  default void close() {}
}
