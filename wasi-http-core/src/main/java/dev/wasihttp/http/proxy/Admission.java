package dev.wasihttp.http.proxy;

import dev.wasihttp.http.LogSink;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which requests a handler runs: at most {@link WasiHttpConfig#maxConcurrent()} guest calls at
 * once; a request over it waits its turn (first come, first served) up to {@link
 * WasiHttpConfig#maxConcurrentWait()}; none once closing. Refusals are logged at most once a
 * second, each line with how many requests were refused since the last one, so a flood of requests
 * cannot flood the log.
 *
 * <p>Thread-safe.
 */
final class Admission {
  /** 1 s: the least time between two log lines about refused requests. */
  static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final int max;
  private final Duration wait;
  private final Semaphore calls;
  private final AtomicInteger inside = new AtomicInteger();
  private final LogSink log;
  private final String tag;
  private final AtomicLong unlogged = new AtomicLong();
  private final AtomicLong nextLine = new AtomicLong(System.nanoTime());
  private volatile boolean closed;

  Admission(int max, Duration wait, LogSink log, String tag) {
    this.max = max;
    this.wait = wait;
    this.calls = new Semaphore(max, true);
    this.log = log;
    this.tag = tag;
  }

  /**
   * Lets the calling request in, waiting for a free call if need be: null when it may run (then
   * {@link #leave} when it ends), else why not. A wait interrupted (the container stopping) refuses
   * and keeps the thread's interrupt.
   */
  String enter() {
    if (closed) {
      return shuttingDown();
    }
    try {
      // The timed form even for no wait: the untimed one would overtake requests waiting already.
      if (!calls.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
        return "all "
            + max
            + " guest calls (maxConcurrent) stayed busy for "
            + Deadline.format(wait)
            + " (maxConcurrentWait)";
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted while waiting for a free guest call";
    }
    inside.incrementAndGet();
    if (closed) { // close() may have looked at inside before this request counted itself
      leave();
      return shuttingDown();
    }
    return null;
  }

  private static String shuttingDown() {
    return "the handler is shutting down";
  }

  /** The request let in by {@link #enter} ended. */
  void leave() {
    calls.release();
    if (inside.decrementAndGet() == 0 && closed) {
      synchronized (this) {
        notifyAll();
      }
    }
  }

  /** How many requests run now. */
  int inside() {
    return inside.get();
  }

  /** About how many requests wait for a free call now. */
  int waiting() {
    return calls.getQueueLength();
  }

  /** Takes no more requests; false if it was closed already. */
  synchronized boolean close() {
    if (closed) {
      return false;
    }
    closed = true;
    return true;
  }

  /**
   * Waits, after {@link #close}, until no request runs or {@code timeout} passed; whether none
   * runs.
   *
   * @throws InterruptedException if the waiting thread is interrupted
   */
  synchronized boolean awaitEmpty(Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (inside.get() > 0) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  /** Logs that a request was refused for {@code reason}: now, or with the next line's count. */
  void refused(String reason) {
    unlogged.incrementAndGet();
    long now = System.nanoTime();
    long next = nextLine.get();
    if (now - next >= 0 && nextLine.compareAndSet(next, now + LOG_EVERY_NANOS)) {
      long n = unlogged.getAndSet(0);
      log.log(
          LogSink.Level.WARN,
          tag
              + "answered 503 with Retry-After to "
              + n
              + (n == 1 ? " request" : " requests")
              + " (refusals are logged at most once a second): "
              + reason);
    }
  }
}
