package dev.wasihttp.component;

import dev.wasihttp.component.errors.ComponentException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * Ready instances of one component for calls that each want an instance of their own, such as HTTP
 * requests. An instance goes back to the pool after use and is {@linkplain ComponentInstance#reset
 * reset} to its state right after instantiation before it is handed out again, so each user gets an
 * instance it cannot tell from a fresh one, without the cost of instantiating it.
 *
 * <p>An instance the caller returns as not reusable (it trapped, or the host failed under it) is
 * dropped, never reset. At most {@link Config#maxIdle()} instances wait in the pool; one that
 * waited longer than {@link Config#idleTimeout()} is dropped by {@link #evictIdle()} (also run by
 * {@link #acquire} and {@link #release}), so a quiet pool gives its memory back. The most recently
 * used instance is handed out first: it is the one most likely still in the CPU's caches.
 *
 * <p>Thread-safe; an instance is used by one caller at a time.
 *
 * @param <T> the per-instance data the host functions receive
 */
public final class InstancePool<T> implements AutoCloseable {
  /**
   * How many instances wait for reuse and for how long.
   *
   * @param maxIdle instances kept ready at most; 0 makes a fresh instance for every use
   * @param idleTimeout how long an instance may wait unused before it is dropped
   */
  public record Config(int maxIdle, Duration idleTimeout) {
    /** The longest idle timeout: a year. */
    public static final Duration MAX_IDLE_TIMEOUT = Duration.ofDays(365);

    /** 16 instances, dropped after 60 seconds unused. */
    public static final Config DEFAULT = new Config(16, Duration.ofSeconds(60));

    /** No pooling: every use instantiates afresh. */
    public static final Config NONE = new Config(0, Duration.ofSeconds(60));

    public Config {
      if (maxIdle < 0) {
        throw new IllegalArgumentException("maxIdle must not be negative: " + maxIdle);
      }
      Objects.requireNonNull(idleTimeout, "idleTimeout");
      if (idleTimeout.isNegative() || idleTimeout.isZero()) {
        throw new IllegalArgumentException("idleTimeout must be positive: " + idleTimeout);
      }
      if (idleTimeout.compareTo(MAX_IDLE_TIMEOUT) > 0) {
        throw new IllegalArgumentException(
            "idleTimeout must be at most " + MAX_IDLE_TIMEOUT + ": " + idleTimeout);
      }
    }
  }

  /**
   * What the pool has done since it was made, and holds now.
   *
   * @param instantiations instances made
   * @param resets instances handed out again after a reset
   * @param discarded instances dropped because they could not be reused (a trap, a host failure)
   * @param evicted reusable instances dropped: the pool was full, they waited too long, or the pool
   *     was closed
   * @param idle instances waiting in the pool now
   * @param inUse instances handed out and not yet released
   */
  public record Stats(
      long instantiations, long resets, long discarded, long evicted, int idle, int inUse) {}

  private record Idle<T>(ComponentInstance<T> instance, long since) {}

  private final InstancePre<T> pre;
  private final Config config;
  private final long idleNanos;

  // Guarded by this. Newest first.
  private final ArrayDeque<Idle<T>> idle = new ArrayDeque<>();
  private long instantiations;
  private long resets;
  private long discarded;
  private long evicted;
  private int inUse;
  private boolean closed;

  public InstancePool(InstancePre<T> pre, Config config) {
    this.pre = Objects.requireNonNull(pre, "pre");
    this.config = Objects.requireNonNull(config, "config");
    this.idleNanos = config.idleTimeout().toNanos();
  }

  public Config config() {
    return config;
  }

  /**
   * An instance for one use, with {@code data} as its data: a pooled one reset to its image, or a
   * new one. Give it back with {@link #release}.
   *
   * @throws ComponentException UNINSTANTIABLE when a new instance's initialisation traps
   */
  public ComponentInstance<T> acquire(T data) throws ComponentException {
    while (true) {
      Idle<T> ready;
      synchronized (this) {
        evict(System.nanoTime());
        ready = idle.pollFirst();
        inUse++;
      }
      if (ready == null) {
        break;
      }
      if (ready.instance().reset(data)) {
        synchronized (this) {
          resets++;
        }
        return ready.instance();
      }
      synchronized (this) { // only an instance that could be reset was pooled; be safe anyway
        inUse--;
        discarded++;
      }
    }
    try {
      // Without room to keep it, an instance is never reset: its image is not captured.
      ComponentInstance<T> fresh = pre.instantiate(data, config.maxIdle() > 0);
      synchronized (this) {
        instantiations++;
      }
      return fresh;
    } catch (ComponentException | RuntimeException e) {
      synchronized (this) {
        inUse--;
      }
      throw e;
    }
  }

  /**
   * Gives back an instance from {@link #acquire}. A {@code reusable} instance waits in the pool
   * (without its data) unless the pool is full or closed; one that is not, or that cannot be reset,
   * is dropped.
   *
   * @param reusable false when the use ended in a trap or a host failure: state inside the instance
   *     may be half-changed, so it is never reset and used again
   */
  public void release(ComponentInstance<T> instance, boolean reusable) {
    instance.clearData();
    long now = System.nanoTime();
    synchronized (this) {
      inUse--;
      if (!reusable) {
        discarded++;
      } else if (closed || idle.size() >= config.maxIdle()) {
        evicted++;
      } else if (!instance.resettable()) {
        discarded++;
      } else {
        idle.addFirst(new Idle<>(instance, now));
      }
      evict(now);
    }
  }

  /** Drops the instances that waited longer than the idle timeout; returns how many. */
  public synchronized int evictIdle() {
    return evict(System.nanoTime());
  }

  private int evict(long now) {
    int n = 0;
    for (Idle<T> oldest = idle.peekLast();
        oldest != null && now - oldest.since() > idleNanos;
        oldest = idle.peekLast()) {
      idle.pollLast();
      n++;
    }
    evicted += n;
    return n;
  }

  public synchronized Stats stats() {
    return new Stats(instantiations, resets, discarded, evicted, idle.size(), inUse);
  }

  /** Drops every waiting instance; instances released later are dropped too. */
  @Override
  public synchronized void close() {
    closed = true;
    evicted += idle.size();
    idle.clear();
  }
}
