package dev.wasihttp.http.proxy;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The handler's threads, all daemons: pools whose threads end when idle, and the timer of {@link
 * Deadlines}.
 */
final class Threads {
  private Threads() {}

  /**
   * Request body readers: one thread per request whose body is being read, created on demand and
   * ended after 30 s idle. Unbounded like the container's own request threads: a bound here would
   * make a request wait for another request's slow client.
   */
  static ExecutorService readers(String name) {
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            factory("wasi-http-body-" + name));
    return pool;
  }

  /** The thread that fires request deadlines (not started). */
  static Thread timer(String name, Runnable loop) {
    Thread t = new Thread(loop, "wasi-http-deadlines-" + name);
    t.setDaemon(true);
    return t;
  }

  /** One thread for periodic housekeeping (the pool's idle eviction), started when first needed. */
  static ScheduledExecutorService scheduler(String name) {
    ScheduledThreadPoolExecutor pool =
        new ScheduledThreadPoolExecutor(1, factory("wasi-http-scheduler-" + name));
    pool.setRemoveOnCancelPolicy(true);
    pool.setKeepAliveTime(30, TimeUnit.SECONDS);
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  private static ThreadFactory factory(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
