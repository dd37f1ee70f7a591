package dev.wasihttp.component.limits;

import dev.wasihttp.component.errors.Trap;
import java.util.Objects;

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
 * <p>Thread-safe. A budget counts; it allocates nothing.
 */
public final class MemoryBudget {
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
   * Reserves {@code bytes} (0 or more) here and in the parents, or nothing.
   *
   * @return false when that would take this budget or a parent past its limit, or this budget is
   *     closed
   */
  public boolean reserve(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes must not be negative: " + bytes);
    }
    synchronized (this) {
      if (closed || bytes > limit - used) {
        return false;
      }
      used += bytes;
    }
    if (parent != null && !parent.reserve(bytes)) {
      synchronized (this) {
        used -= bytes;
      }
      return false;
    }
    return true;
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
