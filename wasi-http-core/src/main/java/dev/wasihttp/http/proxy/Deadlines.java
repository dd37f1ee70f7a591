package dev.wasihttp.http.proxy;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The deadlines of a handler's running requests, and the one timer thread that fires them.
 *
 * <p>A request costs a set insertion and removal, nothing scheduled: the timer scans the running
 * requests every {@link #TICK_MILLIS} ms while any has a timeout (it sleeps otherwise) and fires
 * those past due. So a deadline fires between its timeout and one tick later (later only on a
 * machine too busy to run the timer), and an expired deadline is fired again on every tick until
 * its request ends. {@link #expireAll} fires every running request at once, timeout or not (a
 * shutdown whose grace ran out).
 *
 * <p>Thread-safe.
 */
final class Deadlines implements AutoCloseable {
  /** 20 ms: how often the timer looks at running requests; a deadline's precision. */
  static final long TICK_MILLIS = 20;

  private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);

  private final Set<Deadline> running = ConcurrentHashMap.newKeySet();
  private final AtomicInteger timed = new AtomicInteger();
  private final Thread timer;
  private volatile String expireAll;
  private volatile boolean closed;

  /** Starts the timer thread, a daemon named after {@code name}. */
  Deadlines(String name) {
    timer = Threads.timer(name, this::run);
    timer.start();
  }

  /**
   * Registers the calling thread's request with a deadline {@code timeout} from now ({@link
   * Duration#ZERO}: none, but a shutdown may still fire it). End it with {@link #end}.
   */
  Deadline start(Duration timeout) {
    Deadline d = new Deadline(Thread.currentThread(), timeout);
    running.add(d);
    if (d.timed && timed.getAndIncrement() == 0) {
      LockSupport.unpark(timer); // it sleeps while no request has a timeout
    }
    String all = expireAll;
    if (all != null) {
      d.fire(all);
    }
    return d;
  }

  /** Ends {@code d}'s request: disarms it and clears an interrupt it delivered. */
  void end(Deadline d) {
    d.end();
    running.remove(d);
    if (d.timed) {
      timed.decrementAndGet();
    }
  }

  /** Fires every running request's deadline now and on every tick after, for {@code why}. */
  void expireAll(String why) {
    expireAll = why;
    for (Deadline d : running) {
      d.fire(why);
    }
    LockSupport.unpark(timer);
  }

  /** How many requests run now. */
  int running() {
    return running.size();
  }

  private void run() {
    while (!closed) {
      String all = expireAll;
      if (all == null && timed.get() == 0) {
        LockSupport.park(this);
      } else {
        LockSupport.parkNanos(this, TICK_NANOS);
      }
      long now = System.nanoTime();
      all = expireAll;
      for (Deadline d : running) {
        if (all != null) {
          d.fire(all);
        } else if (d.timed && now - d.due >= 0) {
          d.fireTimeout();
        }
      }
    }
  }

  /** Stops the timer thread; deadlines of requests still running no longer fire. */
  @Override
  public void close() {
    closed = true;
    LockSupport.unpark(timer);
  }
}
