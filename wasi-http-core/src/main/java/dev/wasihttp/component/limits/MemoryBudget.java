package dev.wasihttp.component.limits;

import dev.wasihttp.component.errors.Trap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * A number of bytes that holders reserve before they allocate and release when they free, so that
 * what they hold together stays under a limit. A budget may have a parent: a reservation is made in
 * the parent too, and fails when either would go over its limit.
 *
 * <p>The runtime uses budgets for two things. Guest linear memory: every memory of every instance
 * reserves the bytes it really holds (its contents and the room a pooled instance keeps from
 * earlier growth) from {@link #jvm()}, the JVM-wide budget, usually through a budget per {@link
 * dev.wasihttp.component.InstancePool}; past it {@code memory.grow} returns -1 and a new instance
 * is refused. Host memory: what a host holds on one guest's behalf (resources, fields, buffered
 * bodies), whose {@link #charge} traps the guest past the limit.
 *
 * <p>Memory that waits unused, such as a pool's idle instances, is registered with the budget it is
 * reserved from ({@link #register}): when a {@link #reserve} does not fit, the budget asks the
 * registered holders to give back what has been idle longest, across all of them, until it fits or
 * nothing idle is left, and then tries once more. So idle instances of one handler do not starve
 * another handler sharing the budget.
 *
 * <p>Thread-safe. A budget counts; it allocates nothing.
 *
 * <p>Lock order: a budget holds its own lock only to read or change its counters and its holders,
 * never while it calls a parent or a holder; a holder must not hold a lock of its own while it
 * reserves, releases or calls {@link #register} (an {@link dev.wasihttp.component.InstancePool}
 * closes and instantiates outside its lock). So no thread holds two of these locks at once, and a
 * reservation may call back into any holder, the requester's own included, without a deadlock.
 */
public final class MemoryBudget {
  /**
   * What holds memory reserved from a budget that it could give back now: a pool's idle instances.
   * Called by a reservation that does not fit, on the reserving thread, with no budget lock held.
   */
  public interface Reclaimable {
    /**
     * When what has been idle longest became idle, as {@link System#nanoTime()}; empty when nothing
     * is idle.
     */
    OptionalLong oldestIdleSince();

    /**
     * Gives back the memory of what has been idle longest, if it became idle at {@code idleSince}
     * ({@link System#nanoTime()}) or before; its memory is released before this returns.
     *
     * @return false when nothing that old is idle (any more)
     */
    boolean releaseOldestIdle(long idleSince);
  }

  /**
   * The system property that sets the JVM-wide budget of guest linear memory ({@link #jvm()}), a
   * size such as {@code 2GiB}, {@code 512m} or {@code 1073741824} ({@link Sizes#parse}); read once,
   * when the budget is first used.
   */
  public static final String PROPERTY = "wasihttp.guestMemoryBudget";

  private static MemoryBudget jvm; // guarded by MemoryBudget.class

  private final String name;
  private final long limit;
  private final MemoryBudget parent;
  private long used; // guarded by this
  private boolean closed; // guarded by this
  // Guarded by this. Weak: a holder nobody closed must not be kept alive by the budget.
  private final Set<Reclaimable> holders = Collections.newSetFromMap(new WeakHashMap<>());

  /**
   * A budget of {@code limit} bytes (0 or more) named {@code name} in messages (e.g. {@code "host
   * memory"}), inside {@code parent} (or null).
   */
  public MemoryBudget(String name, long limit, MemoryBudget parent) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative: " + limit);
    }
    this.name = Objects.requireNonNull(name, "name");
    this.limit = limit;
    this.parent = parent;
  }

  /** A budget without a limit of its own, inside {@code parent} (or null): it only counts. */
  public static MemoryBudget counting(String name, MemoryBudget parent) {
    return new MemoryBudget(name, Long.MAX_VALUE, parent);
  }

  /**
   * The JVM-wide budget of guest linear memory, shared by every instance that is not given another:
   * the size in the system property {@value #PROPERTY}, or half of {@link Runtime#maxMemory()}.
   *
   * @throws IllegalArgumentException when the property is set but is not a size
   */
  public static synchronized MemoryBudget jvm() {
    if (jvm == null) {
      String value = System.getProperty(PROPERTY);
      long limit;
      if (value == null || value.isBlank()) {
        limit = Runtime.getRuntime().maxMemory() / 2;
      } else {
        try {
          limit = Sizes.parse(value);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "system property " + PROPERTY + ": " + e.getMessage(), e);
        }
      }
      jvm = new MemoryBudget("guest memory budget", limit, null);
    }
    return jvm;
  }

  /** The name used in messages. */
  public String name() {
    return name;
  }

  /** The most bytes that may be reserved at once. */
  public long limit() {
    return limit;
  }

  /** Bytes reserved now. */
  public synchronized long used() {
    return used;
  }

  /**
   * Reserves {@code bytes} (0 or more) here and in the parents, or nothing. When they do not fit,
   * the {@linkplain #register registered} holders are asked to give back what has been idle longest
   * until they would, and the reservation is tried once more.
   *
   * @return false when that would take this budget or a parent past its limit, even with nothing
   *     idle left to give back, or this budget is closed
   */
  public boolean reserve(long bytes) {
    return reserve(bytes, true);
  }

  /**
   * {@link #reserve}, only from what is free now: nothing idle is given back for it. For room that
   * is merely convenient, such as growth beyond what a guest asked for.
   */
  public boolean reserveIfFree(long bytes) {
    return reserve(bytes, false);
  }

  private boolean reserve(long bytes, boolean reclaim) {
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes must not be negative: " + bytes);
    }
    if (take(bytes, reclaim)) {
      return true;
    }
    return reclaim && reclaimFor(bytes) && take(bytes, false);
  }

  private boolean take(long bytes, boolean reclaim) {
    synchronized (this) {
      if (closed || bytes > limit - used) {
        return false;
      }
      used += bytes;
    }
    // A parent that is full asks its own holders first; the caller then asks this budget's.
    if (parent != null && !parent.reserve(bytes, reclaim)) {
      synchronized (this) {
        used -= bytes;
      }
      return false;
    }
    return true;
  }

  /**
   * Asks the holders to give back what has been idle longest, across all of them, until {@code
   * bytes} would fit here and up the chain. Only what was idle when it began is taken, so it ends
   * even while other threads keep returning instances. Returns false when there was nobody to ask.
   */
  private boolean reclaimFor(long bytes) {
    List<Reclaimable> asked;
    synchronized (this) {
      if (holders.isEmpty()) {
        return false;
      }
      asked = new ArrayList<>(holders);
    }
    long began = System.nanoTime();
    while (shortfall(bytes) > 0) {
      Reclaimable oldest = null;
      long oldestSince = 0;
      for (Reclaimable holder : asked) {
        OptionalLong since = holder.oldestIdleSince();
        if (since.isPresent()
            && since.getAsLong() - began <= 0
            && (oldest == null || since.getAsLong() - oldestSince < 0)) {
          oldest = holder;
          oldestSince = since.getAsLong();
        }
      }
      if (oldest == null) {
        break; // nothing idle is left to give back
      }
      if (!oldest.releaseOldestIdle(oldestSince)) {
        asked.remove(oldest); // what it had was taken meanwhile; do not ask it again
      }
    }
    return true;
  }

  /**
   * How many more bytes this budget and its parents would need to free to hold {@code bytes}: 0
   * when they fit now, -1 when freeing cannot help (a budget is closed, or its limit is smaller).
   */
  private long shortfall(long bytes) {
    long missing = 0;
    for (MemoryBudget b = this; b != null; b = b.parent) {
      synchronized (b) {
        if (b.closed || bytes > b.limit) {
          return -1;
        }
        missing = Math.max(missing, bytes - (b.limit - b.used));
      }
    }
    return missing;
  }

  /**
   * Registers {@code holder}, whose memory is reserved from this budget, with this budget and its
   * parents, to be asked for idle memory when a reservation does not fit. Held weakly: a holder
   * that becomes unreachable is forgotten; {@link #unregister} forgets it at once.
   */
  public void register(Reclaimable holder) {
    Objects.requireNonNull(holder, "holder");
    for (MemoryBudget b = this; b != null; b = b.parent) {
      synchronized (b) {
        b.holders.add(holder);
      }
    }
  }

  /** Forgets {@code holder}, here and in the parents; nothing when it was not registered. */
  public void unregister(Reclaimable holder) {
    for (MemoryBudget b = this; b != null; b = b.parent) {
      synchronized (b) {
        b.holders.remove(holder);
      }
    }
  }

  /**
   * {@link #reserve}, for a host function on the guest's thread: past the limit the guest's call
   * traps with {@code "NAME limit exceeded: LIMIT bytes"}.
   *
   * @throws Trap when the bytes cannot be reserved
   */
  public void charge(long bytes) {
    if (!reserve(bytes)) {
      throw new Trap(name + " limit exceeded: " + limit + " bytes");
    }
  }

  /** Gives back {@code bytes} reserved earlier (here and in the parents); none once closed. */
  public void release(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes must not be negative: " + bytes);
    }
    long given;
    synchronized (this) {
      if (closed) {
        return;
      }
      given = Math.min(bytes, used); // never below zero, whatever a holder miscounted
      used -= given;
    }
    if (parent != null) {
      parent.release(given);
    }
  }

  /**
   * Gives back everything still reserved and refuses later reservations: the holder is gone, and
   * whatever it did not release itself is released now. Idempotent.
   */
  public void close() {
    long left;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      left = used;
      used = 0;
    }
    if (parent != null) {
      parent.release(left);
    }
  }

  @Override
  public String toString() {
    return name + ": " + used() + " of " + limit + " bytes";
  }
}
