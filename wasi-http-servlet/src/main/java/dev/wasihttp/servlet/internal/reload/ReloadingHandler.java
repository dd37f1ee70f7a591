package dev.wasihttp.servlet.internal.reload;

import dev.wasihttp.component.Component;
import dev.wasihttp.http.ExchangeHandler;
import dev.wasihttp.http.HttpExchange;
import dev.wasihttp.http.LogSink;
import dev.wasihttp.http.proxy.HandlerMetrics;
import dev.wasihttp.http.proxy.WasiHttpHandler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The handler of a servlet with {@code reload} on: serves the current {@link ComponentVersion} of
 * the component, and swaps in a new one when its file changes ({@link ComponentWatcher}, polled on
 * one daemon thread of its own, stopped by {@link #close}).
 *
 * <p>Swaps lose no request: each request takes a lease on the version current when it starts and
 * runs on it to its end; {@link #swap} publishes the new version first, then logs {@code [name]
 * reloaded from FILE (version N)}, so every request that starts after that line runs the new
 * version; the version it replaced is closed once its last request has ended, off the request
 * threads.
 *
 * <p>{@link #metrics()} are the servlet's: what closed versions counted plus what the open ones
 * (the current one, and those still finishing requests) count and hold now, so the JMX counters go
 * on across reloads.
 */
public final class ReloadingHandler implements ExchangeHandler, AutoCloseable {
  private final String name;
  private final String tag;
  private final LogSink log;
  private final AutoCloseable shared;
  private final ScheduledExecutorService thread;
  private final AtomicLong failedReloads = new AtomicLong();
  private volatile ComponentVersion current;
  private ComponentWatcher watcher; // set once, right after construction

  /** The versions not closed yet: the current one, and replaced ones still finishing requests. */
  private final List<ComponentVersion> open = new ArrayList<>(); // guarded by this

  /** What the closed versions counted, their gauges zero. */
  private HandlerMetrics.Snapshot closedCounts = HandlerMetrics.Snapshot.ZERO; // guarded by this

  private boolean closed; // guarded by this

  /**
   * Serves {@code first} as version 1; {@code shared} (what every version uses, the outgoing
   * handler) is closed after the last version.
   */
  private ReloadingHandler(
      WasiHttpHandler first, String componentName, LogSink log, AutoCloseable shared) {
    this.name = componentName;
    this.tag = "[" + componentName + "] ";
    this.log = log;
    this.shared = shared;
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "wasi-http-reload-" + componentName);
              t.setDaemon(true);
              // The web application's loader, as at init: compiled classes it ships are found.
              t.setContextClassLoader(context);
              return t;
            });
    executor.setRemoveOnCancelPolicy(true);
    this.thread = executor;
    this.current = new ComponentVersion(first, 1, this::drained);
    open.add(current);
  }

  /**
   * A handler serving {@code first} as version 1 of the component in {@code file}, whose {@code
   * bytes} it holds (read after {@code stamp} was taken, so that a write in between is seen as a
   * change); {@code loader} makes each new version of it. {@code shared} (what every version uses,
   * the outgoing handler) is closed after the last version. Its {@link #watcher()} is not polled
   * until {@link #watch}.
   */
  public static ReloadingHandler of(
      WasiHttpHandler first,
      String componentName,
      LogSink log,
      AutoCloseable shared,
      Path file,
      ComponentWatcher.Stamp stamp,
      byte[] bytes,
      ComponentWatcher.Loader loader) {
    ReloadingHandler handler = new ReloadingHandler(first, componentName, log, shared);
    handler.watcher = new ComponentWatcher(file, stamp, bytes, loader, handler, log, componentName);
    return handler;
  }

  /** What looks at the component's file. */
  public ComponentWatcher watcher() {
    return watcher;
  }

  /** Polls the {@link #watcher()} every {@code interval} on this handler's thread, until closed. */
  public void watch(Duration interval) {
    long every = Math.max(1, interval.toMillis());
    thread.scheduleWithFixedDelay(watcher, every, every, TimeUnit.MILLISECONDS);
    log.log(
        LogSink.Level.INFO,
        tag
            + "reload: watching "
            + watcher.file()
            + " every "
            + every
            + " ms (development mode: each change is loaded anew)");
  }

  @Override
  public void handle(HttpExchange exchange) {
    ComponentVersion version = current;
    while (!version.acquire()) {
      // Retired just now: it was replaced before, so the current one is newer.
      version = current;
    }
    try {
      version.handler.handle(exchange);
    } finally {
      version.release();
    }
  }

  /**
   * Makes {@code next} the current version, then logs {@code [name] reloaded from FROM (version
   * N)}: a request that starts after that line runs {@code next}. The version it replaces finishes
   * its requests and is closed after the last. After {@link #close}, {@code next} is closed
   * instead.
   */
  void swap(WasiHttpHandler next, String from) {
    ComponentVersion replaced;
    ComponentVersion version;
    synchronized (this) {
      if (closed) {
        next.close();
        return;
      }
      replaced = current;
      version = new ComponentVersion(next, replaced.number + 1, this::drained);
      open.add(version);
      current = version; // published before the line below is logged
    }
    log.log(
        LogSink.Level.INFO, tag + "reloaded from " + from + " (version " + version.number + ")");
    replaced.retire();
  }

  /** Counts a change that did not load. */
  void reloadFailed() {
    failedReloads.incrementAndGet();
  }

  /** The number of the version serving now: 1, then one more for each reload. */
  public int version() {
    return current.number;
  }

  /** How many versions are not closed yet (the current one included). */
  public synchronized int openVersions() {
    return open.size();
  }

  /** The component of the version serving now. */
  public Component component() {
    return current.handler.component();
  }

  /** Times the component was swapped for a new version of its file. */
  public long reloads() {
    return current.number - 1L;
  }

  /** Changes of its file that failed to load (the version serving stayed). */
  public long failedReloads() {
    return failedReloads.get();
  }

  /** A replaced version's last request ended: it is closed on this handler's thread. */
  private void drained(ComponentVersion version) {
    try {
      thread.execute(() -> closeReplaced(version));
    } catch (RejectedExecutionException e) {
      closeReplaced(version); // shutting down: close() closes the rest
    }
  }

  private void closeReplaced(ComponentVersion version) {
    synchronized (this) {
      if (!open.remove(version)) {
        return; // closed by close()
      }
      // Final: no request runs on it any more.
      closedCounts = closedCounts.plus(version.handler.metrics().counts());
    }
    version.handler.close();
  }

  /**
   * The servlet's counters now: what closed versions counted, and what the open ones count and
   * hold.
   */
  public synchronized HandlerMetrics.Snapshot metrics() {
    HandlerMetrics.Snapshot sum = closedCounts;
    for (ComponentVersion v : open) {
      sum = sum.plus(v.handler.metrics());
    }
    return sum;
  }

  /**
   * Stops watching, then closes every version as {@link WasiHttpHandler#close} does (the current
   * one and those still finishing requests at once, each with its {@code shutdownTimeout}), then
   * what they shared. Returns once they are closed; a second call returns at once.
   */
  @Override
  public void close() {
    List<ComponentVersion> versions;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      versions = new ArrayList<>(open);
    }
    thread.shutdownNow();
    List<Thread> closing = new ArrayList<>();
    for (ComponentVersion v : versions) {
      if (v != current) {
        Thread t = new Thread(v.handler::close, "wasi-http-close-" + name);
        t.setDaemon(true);
        t.start();
        closing.add(t);
      }
    }
    current.handler.close();
    try {
      for (Thread t : closing) {
        t.join();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      shared.close();
    } catch (Exception e) {
      log.log(LogSink.Level.WARN, tag + "closing the outgoing handler failed: " + e);
    }
  }
}
