package dev.wasihttp.http.proxy;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The deadlines of a handler's running requests, and the one timer thread that fires them.
 *
 * <p>Each thread that runs requests has one {@link Deadline}, reused: a request only sets and
 * clears it (two uncontended locks, nothing allocated, nothing scheduled). The timer looks at them
 * every {@link #TICK_MILLIS} ms and fires those past due, so a deadline fires between its timeout
 * and one tick later (later only on a machine too busy to run the timer), and fires again on every
 * tick until its request ends. The timer sleeps once no request ran for a second; the next request
 * wakes it. {@link #expireAll} fires every running request at once, timeout or not (a shutdown
 * whose grace ran out).
 *
 * <p>Thread-safe.
 */
final class Deadlines implements AutoCloseable {
  /** 20 ms: how often the timer looks at running requests; a deadline's precision. */
  static final long TICK_MILLIS = 20;

  private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);

  /** 1 s without a request, and the timer sleeps until the next one. */
  private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final Map<Thread, Deadline> threads = new ConcurrentHashMap<>();
  private final Thread timer;
  private volatile boolean sleeping;
  private volatile String expireAll;
  private volatile boolean closed;

  /** Starts the timer thread, a daemon named after {@code name}. */
  Deadlines(String name) {
    timer = Threads.timer(name, this::run);
    timer.start();
  }

  /**
   * Starts the calling thread's request with a deadline {@code timeout} from now ({@link
   * Duration#ZERO}: none, but a shutdown may still fire it). End it with {@link #end}.
   */
  Deadline start(Duration timeout) {
    Deadline d = threads.computeIfAbsent(Thread.currentThread(), Deadline::new);
    d.begin(timeout);
    if (sleeping) { // read after begin; the timer sets it before it looks at the deadlines
      LockSupport.unpark(timer);
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
  }

  /** Fires every running request's deadline now and on every tick after, for {@code why}. */
  void expireAll(String why) {
    expireAll = why;
    for (Deadline d : threads.values()) {
      d.fire(why);
    }
  }

  /** How many requests run now. */
  int running() {
    int n = 0;
    for (Deadline d : threads.values()) {
      if (d.running) {
        n++;
      }
    }
    return n;
  }

  private void run() {
    long lastBusy = System.nanoTime();
    while (!closed) {
      if (running() > 0) {
        lastBusy = System.nanoTime();
      } else if (System.nanoTime() - lastBusy > IDLE_NANOS) {
        sleeping = true;
        if (running() == 0 && !closed) {
          LockSupport.park(this); // until a request starts, or close()
        }
        sleeping = false;
        lastBusy = System.nanoTime();
        continue;
      }
      LockSupport.parkNanos(this, TICK_NANOS);
      tick();
    }
  }

  /** Fires what is due; forgets threads that ended (a container's pool retires its threads). */
  private void tick() {
    long now = System.nanoTime();
    String all = expireAll;
    for (Iterator<Deadline> it = threads.values().iterator(); it.hasNext(); ) {
      Deadline d = it.next();
      if (!d.running) {
        if (!d.thread.isAlive()) {
          it.remove();
        }
      } else if (all != null) {
        d.fire(all);
      } else {
        d.fireIfDue(now);
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
