package dev.wasihttp.component;

import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.component.limits.InstanceLimits;
import dev.wasihttp.component.limits.MemoryBudget;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Ready instances of one component for calls that each want an instance of their own, such as HTTP
 * requests. An instance goes back to the pool after use and is {@linkplain ComponentInstance#reset
 * reset} to its state right after instantiation before it is handed out again, so each user gets an
 * instance it cannot tell from a fresh one, without the cost of instantiating it.
 *
 * <p>An instance the caller returns as not reusable (it trapped, or the host failed under it) is
 * dropped, never reset. At most {@link Config#maxIdle()} instances wait in the pool; one that
 * waited longer than {@link Config#idleTimeout()} is dropped by {@link #evictIdle()} (also run by
 * {@link #acquire} and {@link #release}), so a quiet pool gives its memory back: a dropped instance
 * is {@linkplain ComponentInstance#close closed}, its linear memory given back to the budget at
 * once. The most recently used instance is handed out first: it is the one most likely still in the
 * CPU's caches.
 *
 * <p>The pool's idle instances are {@linkplain MemoryBudget#register registered} with the memory
 * budget they reserve from, until the pool is closed: when a reservation there does not fit (an
 * instance of this pool or of another pool sharing the budget), the instances idle longest, here or
 * in the other pools, are dropped for it ({@link Stats#reclaimed()}). Instances in use are never
 * taken.
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
   * @param reclaimed idle instances dropped because the memory budget needed their memory for
   *     another instance, of this pool or another (not counted in {@code evicted})
   * @param idle instances waiting in the pool now
   * @param inUse instances handed out and not yet released
   * @param memory bytes of linear memory the pool's instances hold now, in use and idle (room kept
   *     from earlier growth included), as reserved from the memory budget
   */
  public record Stats(
      long instantiations,
      long resets,
      long discarded,
      long evicted,
      long reclaimed,
      int idle,
      int inUse,
      long memory) {}

  private record Idle<T>(ComponentInstance<T> instance, long since) {}

  private final InstancePre<T> pre;
  private final Config config;
  private final InstanceLimits limits;
  private final MemoryBudget memory;
  private final long idleNanos;
  private final MemoryBudget shared;
  private final IdleInstances idleInstances = new IdleInstances();

  // Guarded by this. Newest first.
  private final ArrayDeque<Idle<T>> idle = new ArrayDeque<>();
  private long instantiations;
  private long resets;
  private long discarded;
  private long evicted;
  private long reclaimed;
  private int inUse;
  private boolean closed;

  /** A pool of {@code pre}'s instances under {@link InstanceLimits#defaults()}. */
  public InstancePool(InstancePre<T> pre, Config config) {
    this(pre, config, InstanceLimits.defaults());
  }

  /**
   * A pool of {@code pre}'s instances, each under {@code limits}: the pool's instances reserve
   * their memory, through a budget of the pool's own ({@link Stats#memory()}), from {@code limits}'
   * budget. The pool's idle instances may be dropped when that budget needs their memory; {@link
   * #close} the pool to stop that.
   */
  public InstancePool(InstancePre<T> pre, Config config, InstanceLimits limits) {
    this.pre = Objects.requireNonNull(pre, "pre");
    this.config = Objects.requireNonNull(config, "config");
    this.shared = limits.budget();
    this.memory = MemoryBudget.counting("instance pool", shared);
    this.limits = limits.withBudget(memory);
    this.idleNanos = config.idleTimeout().toNanos();
    shared.register(idleInstances); // last: the budget may call it from now on
  }

  public Config config() {
    return config;
  }

  /**
   * An instance for one use, with {@code data} as its data: a pooled one reset to its image, or a
   * new one. Give it back with {@link #release}.
   *
   * @throws ComponentException UNINSTANTIABLE when a new instance's initialisation traps, or its
   *     initial memory is over the limits' {@code maxMemory}
   * @throws dev.wasihttp.component.errors.ResourceExhausted when the memory budget cannot hold a
   *     new instance's initial memory now
   */
  public ComponentInstance<T> acquire(T data) throws ComponentException {
    while (true) {
      Idle<T> ready;
      List<ComponentInstance<T>> dropped;
      synchronized (this) {
        dropped = evict(System.nanoTime());
        ready = idle.pollFirst();
        inUse++;
      }
      closeAll(dropped);
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
      ready.instance().close();
    }
    try {
      // Without room to keep it, an instance is never reset: its image is not captured.
      ComponentInstance<T> fresh = pre.instantiate(data, limits, config.maxIdle() > 0);
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
   * is dropped: {@linkplain ComponentInstance#close closed}, its memory given back.
   *
   * @param reusable false when the use ended in a trap or a host failure: state inside the instance
   *     may be half-changed, so it is never reset and used again
   */
  public void release(ComponentInstance<T> instance, boolean reusable) {
    instance.clearData();
    long now = System.nanoTime();
    boolean kept = false;
    List<ComponentInstance<T>> dropped;
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
        kept = true;
      }
      dropped = evict(now);
    }
    if (!kept) {
      instance.close();
    }
    closeAll(dropped);
  }

  /** Drops the instances that waited longer than the idle timeout; returns how many. */
  public int evictIdle() {
    List<ComponentInstance<T>> dropped;
    synchronized (this) {
      dropped = evict(System.nanoTime());
    }
    closeAll(dropped);
    return dropped.size();
  }

  /** Takes the instances idle for longer than the timeout out of the pool, for closing. */
  private List<ComponentInstance<T>> evict(long now) {
    List<ComponentInstance<T>> out = List.of();
    for (Idle<T> oldest = idle.peekLast();
        oldest != null && now - oldest.since() > idleNanos;
        oldest = idle.peekLast()) {
      if (out.isEmpty()) {
        out = new ArrayList<>();
      }
      out.add(idle.pollLast().instance());
    }
    evicted += out.size();
    return out;
  }

  /**
   * The pool's idle instances, as the memory budget sees them. Each method takes the pool's lock
   * only to take an instance out, and closes it (releasing into the budget) after letting go.
   */
  private final class IdleInstances implements MemoryBudget.Reclaimable {
    @Override
    public OptionalLong oldestIdleSince() {
      synchronized (InstancePool.this) {
        Idle<T> oldest = idle.peekLast();
        return oldest == null ? OptionalLong.empty() : OptionalLong.of(oldest.since());
      }
    }

    @Override
    public boolean releaseOldestIdle(long idleSince) {
      Idle<T> oldest;
      synchronized (InstancePool.this) {
        oldest = idle.peekLast();
        if (oldest == null || oldest.since() - idleSince > 0) {
          return false;
        }
        idle.pollLast();
        reclaimed++;
      }
      oldest.instance().close();
      return true;
    }
  }

  private static <T> void closeAll(List<ComponentInstance<T>> instances) {
    for (ComponentInstance<T> i : instances) {
      i.close();
    }
  }

  public synchronized Stats stats() {
    return new Stats(
        instantiations, resets, discarded, evicted, reclaimed, idle.size(), inUse, memory.used());
  }

  /**
   * Drops every waiting instance and leaves the memory budget's registry; instances released later
   * are dropped too.
   */
  @Override
  public void close() {
    shared.unregister(idleInstances);
    List<ComponentInstance<T>> dropped = new ArrayList<>();
    synchronized (this) {
      closed = true;
      evicted += idle.size();
      for (Idle<T> i : idle) {
        dropped.add(i.instance());
      }
      idle.clear();
    }
    closeAll(dropped);
  }
}
