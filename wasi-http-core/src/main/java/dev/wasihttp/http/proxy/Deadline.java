package dev.wasihttp.http.proxy;

import java.time.Duration;

/**
 * One running request's deadline: the thread that runs its guest, when the guest must stop, and why
 * it was stopped. Firing interrupts that thread (the engine checks the flag at calls and branches;
 * the WASI host's blocking calls wake and trap), the JVM's equivalent of Wasmtime's epoch
 * interruption. Made, fired and ended by {@link Deadlines}.
 */
final class Deadline {
  /** The thread running the guest. */
  final Thread thread;

  /** The request's timeout; {@link Duration#ZERO}: none, only a shutdown fires it. */
  final Duration timeout;

  /** Whether the request has a timeout. */
  final boolean timed;

  /** When it fires, as {@link System#nanoTime()}; meaningful only when {@link #timed}. */
  final long due;

  // Guarded by this.
  private String expired;
  private boolean ended;

  /** A deadline {@code timeout} from now for {@code thread}'s request. */
  Deadline(Thread thread, Duration timeout) {
    this.thread = thread;
    this.timeout = timeout;
    this.timed = !timeout.isZero();
    this.due = timed ? System.nanoTime() + timeout.toNanos() : 0;
  }

  /** Fires it for its timeout. */
  void fireTimeout() {
    fire("guest timed out after " + format(timeout));
  }

  /**
   * Interrupts the guest's thread, unless the request ended; the first {@code why} is kept. Fired
   * again on every tick until the request ends, so a host call that swallows the interrupt (clears
   * the flag and goes on) cannot keep the guest running.
   */
  synchronized void fire(String why) {
    if (!ended) {
      if (expired == null) {
        expired = why;
      }
      thread.interrupt();
    }
  }

  /** Why the deadline fired (e.g. {@code "guest timed out after 300 ms"}), or null: it did not. */
  synchronized String expired() {
    return expired;
  }

  /**
   * Disarms it; clears the thread's interrupt if it fired, so the container's thread goes back
   * clean. Call on the guest's thread, once it left the guest.
   */
  synchronized void end() {
    ended = true;
    if (expired != null) {
      Thread.interrupted(); // the interrupt was ours, for the guest
    }
  }

  /** {@code d} for a log line: {@code 60 s}, {@code 300 ms}. */
  static String format(Duration d) {
    long millis = d.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
  }
}
