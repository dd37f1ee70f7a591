package dev.wasihttp.servlet.internal.filter;

import dev.wasihttp.http.proxy.HandlerMetrics;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The threads a {@link dev.wasihttp.servlet.WasiHttpFilter} runs its guests on: daemon threads in
 * the web application's class loader, at most {@code max}, none queued. A request for which none is
 * free is refused at once: counted, so the filter's counters show it as rejected as the handler's
 * own refusals are, and logged at most once a second with how many there were since the last line.
 * Thread-safe.
 */
public final class GuestThreads {
  /** 30 s: how long an idle guest thread stays. */
  static final long IDLE_SECONDS = 30;

  private final ThreadPoolExecutor pool;
  private final Consumer<String> log;
  private final LongAdder refused = new LongAdder();
  private final AtomicLong unlogged = new AtomicLong();
  private final AtomicLong nextLine = new AtomicLong(System.nanoTime());

  /**
   * Up to {@code max} threads named {@code wasi-http-filter-NAME-N}, their context class loader the
   * caller's; {@code log} takes the refusals' lines (each starting with {@code WARN}).
   */
  public GuestThreads(String name, int max, Consumer<String> log) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    AtomicInteger count = new AtomicInteger();
    this.pool =
        new ThreadPoolExecutor(
            0,
            max,
            IDLE_SECONDS,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, "wasi-http-filter-" + name + "-" + count.incrementAndGet());
              t.setDaemon(true);
              t.setContextClassLoader(loader);
              return t;
            });
    this.log = log;
  }

  /**
   * Runs {@code guest} on a free thread; false, counted and logged, when all are busy (or shut
   * down): the caller answers 503.
   */
  public boolean tryRun(Runnable guest) {
    try {
      pool.execute(guest);
      return true;
    } catch (RejectedExecutionException e) {
      refused.increment();
      logRefusal();
      return false;
    }
  }

  /** The requests refused so far. */
  public long refused() {
    return refused.sum();
  }

  /**
   * The filter's counters: the handler's ({@code handler}), with the refusals here counted as
   * rejected requests (a refused request never reached the handler, so none is counted twice).
   */
  public HandlerMetrics.Snapshot counted(HandlerMetrics.Snapshot handler) {
    long more = refused();
    if (more == 0) {
      return handler;
    }
    return handler.plus(HandlerMetrics.Snapshot.rejected(more));
  }

  /** Threads finish the guests they run, then end; new ones are refused. */
  public void shutdown() {
    pool.shutdown();
  }

  /** A line at most once a second, with how many refusals there were since the last one. */
  private void logRefusal() {
    long count = unlogged.incrementAndGet();
    long now = System.nanoTime();
    long next = nextLine.get();
    if (now - next >= 0 && nextLine.compareAndSet(next, now + TimeUnit.SECONDS.toNanos(1))) {
      unlogged.addAndGet(-count);
      log.accept(
          "WARN "
              + count
              + " request(s) answered 503: all "
              + pool.getMaximumPoolSize()
              + " guest threads busy");
    }
  }
}
