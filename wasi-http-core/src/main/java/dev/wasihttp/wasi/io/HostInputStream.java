package dev.wasihttp.wasi.io;

import java.util.Arrays;
import java.util.Objects;

/**
 * The host side of a {@code wasi:io/streams.input-stream}: a request body, a file, standard input.
 * The wasi:io host builds the guest-visible contract on these few methods: non-blocking {@code
 * read}, {@code blocking-read} (waits on {@link #ready()} through the instance's {@link Waker}),
 * {@code skip}, {@code subscribe} and the closed/failed distinction.
 *
 * <p>Threads: the methods are called on the guest's thread. Data may be produced on another thread;
 * then {@link #ready()} and {@link #read(int)} must read it safely, and the producer calls {@link
 * Waker#wake()} after it changed what {@link #ready()} answers.
 */
public interface HostInputStream extends AutoCloseable {
  /**
   * Returns up to {@code max} bytes that are available now, without blocking: an empty array when
   * none are buffered yet.
   *
   * @param max at least 0, at most the host's read cap
   * @throws StreamError {@link StreamError#closed()} at the end of the stream (only once every byte
   *     was read), or {@link StreamError#failed} when reading failed
   */
  byte[] read(int max) throws StreamError;

  /**
   * Whether {@link #read(int)} would return at least one byte or throw: bytes are buffered, the
   * stream ended or failed. Also the readiness of the stream's pollable.
   */
  boolean ready();

  /**
   * Skips up to {@code max} bytes available now, without blocking; returns how many. The default
   * reads and discards.
   */
  default long skip(int max) throws StreamError {
    return read(max).length;
  }

  /** The guest dropped the stream (or the instance ended): release what it holds. No-op default. */
  @Override
  default void close() {}

  /** A stream that is at its end from the start: every read is {@code closed}. */
  static HostInputStream closed() {
    return new HostInputStream() {
      @Override
      public byte[] read(int max) throws StreamError {
        throw StreamError.closed();
      }

      @Override
      public boolean ready() {
        return true;
      }
    };
  }

  /**
   * A stream of {@code bytes} (not copied: do not change them), always ready, then {@code closed}.
   * Not thread-safe: for one guest thread.
   */
  static HostInputStream of(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    return new HostInputStream() {
      private int position;

      @Override
      public byte[] read(int max) throws StreamError {
        if (position == bytes.length && max > 0) {
          throw StreamError.closed();
        }
        int n = Math.min(max, bytes.length - position);
        position += n;
        return Arrays.copyOfRange(bytes, position - n, position);
      }

      @Override
      public boolean ready() {
        return true;
      }
    };
  }
}
