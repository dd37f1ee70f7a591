package dev.wasihttp.wasi.io;

/**
 * What a {@code wasi:io/poll.pollable} waits for. The host asks {@link #ready()} on the guest's
 * thread; when it is false, the thread sleeps on the instance's {@link Waker} until a producer
 * calls {@link Waker#wake()} or the nearest {@link #remainingNanos()} passes.
 *
 * <p>{@link #ready()} may be called from the guest's thread while a producer changes the state on
 * another: implementations read that state safely (a volatile field, a lock). A pollable that
 * becomes ready because another thread acted must make that thread call {@link Waker#wake()}
 * afterwards, or a guest in {@code poll} keeps sleeping.
 */
@FunctionalInterface
public interface HostPollable {
  /** Whether the event happened; once true it stays true (a pollable is never "un-readied"). */
  boolean ready();

  /**
   * For a timer, nanoseconds until it is ready by itself (at most this long to sleep before asking
   * {@link #ready()} again); {@link Long#MAX_VALUE} (the default) when only a {@link Waker#wake()}
   * makes it ready.
   */
  default long remainingNanos() {
    return Long.MAX_VALUE;
  }

  /** A pollable that is always ready. */
  static HostPollable alwaysReady() {
    return () -> true;
  }
}
