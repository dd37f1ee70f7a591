package dev.wasihttp.http.proxy;

import java.time.Duration;

/**
 * The deadline of the request a thread runs: when its guest must stop, and why it was stopped.
 * Firing interrupts the thread (the engine checks the flag at calls and branches; the WASI host's
 * blocking calls wake and trap), the JVM's equivalent of Wasmtime's epoch interruption. One per
 * thread, reused by each request the thread runs (nothing is allocated per request); made, fired
 * and ended by {@link Deadlines}.
 */
final class Deadline {
  /** The thread whose requests these are. */
  final Thread thread;

  /** Whether a request runs; read by the timer without the lock, to skip idle threads. */
  volatile boolean running;

  // Guarded by this.
  private Duration timeout = Duration.ZERO;
  private long due;
  private String expired;

  Deadline(Thread thread) {
    this.thread = thread;
  }

  /**
   * A request starts with {@code timeout} ({@link Duration#ZERO}: none, only a shutdown fires).
   *
   * @throws IllegalStateException if the thread runs a request of this handler already
   */
  synchronized void begin(Duration timeout) {
    if (running) {
      throw new IllegalStateException("a thread runs one request of a handler at a time");
    }
    this.timeout = timeout;
    this.due = System.nanoTime() + timeout.toNanos();
    this.expired = null;
    this.running = true;
  }

  /** Fires it for its timeout if that has passed by {@code now} ({@link System#nanoTime()}). */
  synchronized void fireIfDue(long now) {
    if (running && !timeout.isZero() && now - due >= 0) {
      fire("guest timed out after " + format(timeout));
    }
  }

  /**
   * Interrupts the thread while its request runs; the first {@code why} is kept. Fired again on
   * every tick until the request ends, so a host call that swallows the interrupt (clears the flag
   * and goes on) cannot keep the guest running.
   */
  synchronized void fire(String why) {
    if (running) {
      if (expired == null) {
        expired = why;
      }
      thread.interrupt();
    }
  }

  /**
   * Why the deadline of the thread's last request fired (e.g. {@code "guest timed out after 300
   * ms"}), or null: it did not.
   */
  synchronized String expired() {
    return expired;
  }

  /**
   * The request ended: disarms it; clears the thread's interrupt if it fired, so the container's
   * thread goes back clean. Call on the thread, once it left the guest.
   */
  synchronized void end() {
    running = false;
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
