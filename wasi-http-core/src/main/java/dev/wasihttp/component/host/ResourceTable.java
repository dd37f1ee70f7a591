package dev.wasihttp.component.host;

import dev.wasihttp.component.errors.Trap;
import dev.wasihttp.component.values.Val;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One instance's table of host resources: the Java object behind each {@code rep} a host function
 * hands the guest in a {@link Val.Own}, with parent/child links for the spec's rule that a child (a
 * stream's pollable, a body's stream) must be dropped before its parent.
 *
 * <ul>
 *   <li>Reps start at 1 and are never reused within a table, so a stale rep is always an error.
 *   <li>At most {@link #capacity()} entries live at once; one more traps, so a guest cannot grow
 *       host memory without bound.
 *   <li>A misused rep (unknown, or of another state class) is a host bug or a guest misuse the
 *       runtime did not catch; either way it traps.
 *   <li>{@link #close()} closes every {@link AutoCloseable} entry: dropping the instance's data
 *       object after closing its table frees everything.
 * </ul>
 *
 * <p>Not thread-safe: used by the thread running the guest.
 */
public final class ResourceTable implements AutoCloseable {
  private static final class Entry {
    final Object state;
    final Entry parent;
    int children;

    Entry(Object state, Entry parent) {
      this.state = state;
      this.parent = parent;
    }
  }

  private final Map<Integer, Entry> entries = new HashMap<>();
  private final int capacity;
  private int nextRep = 1;

  /** An empty table holding at most {@code capacity} entries (positive). */
  public ResourceTable(int capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.capacity = capacity;
  }

  /** The most entries that may live at once. */
  public int capacity() {
    return capacity;
  }

  /** Live entries. */
  public int size() {
    return entries.size();
  }

  /**
   * Adds {@code state} and returns its rep.
   *
   * @throws Trap when the table is full
   */
  public int push(Object state) {
    return add(state, null);
  }

  /**
   * Adds {@code state} as a child of the live entry {@code parentRep}: the parent cannot be deleted
   * until this child is.
   *
   * @throws Trap when the table is full or {@code parentRep} is not live
   */
  public int pushChild(Object state, int parentRep) {
    Entry parent = entry(parentRep);
    int rep = add(state, parent);
    parent.children++;
    return rep;
  }

  private int add(Object state, Entry parent) {
    if (state == null) {
      throw new NullPointerException("state");
    }
    if (entries.size() >= capacity) {
      throw new Trap("resource table full: at most " + capacity + " host resources per instance");
    }
    if (nextRep == Integer.MAX_VALUE) {
      throw new Trap("resource table exhausted");
    }
    int rep = nextRep++;
    entries.put(rep, new Entry(state, parent));
    return rep;
  }

  /** Whether {@code rep} is live. */
  public boolean contains(int rep) {
    return entries.containsKey(rep);
  }

  /**
   * The state behind {@code rep}.
   *
   * @throws Trap when {@code rep} is not live or its state is not a {@code type}
   */
  public <T> T get(int rep, Class<T> type) {
    return cast(rep, entry(rep).state, type);
  }

  /** The state behind a {@link Val.Own} or {@link Val.Borrow} handle. */
  public <T> T get(Val handle, Class<T> type) {
    return get(rep(handle), type);
  }

  /**
   * Removes {@code rep} (the guest dropped its handle, or handed it back to the host) and returns
   * its state; the caller decides whether to close it.
   *
   * @throws Trap when {@code rep} is not live, is not a {@code type}, or still has children
   */
  public <T> T delete(int rep, Class<T> type) {
    Entry e = entry(rep);
    T state = cast(rep, e.state, type);
    if (e.children > 0) {
      throw new Trap(
          "resource has children: "
              + describe(e.state)
              + " dropped while "
              + e.children
              + " of its child resources are alive");
    }
    entries.remove(rep);
    if (e.parent != null) {
      e.parent.children--;
    }
    return state;
  }

  /** {@link #delete(int, Class)} of an owning handle's rep. */
  public <T> T delete(Val handle, Class<T> type) {
    return delete(rep(handle), type);
  }

  /**
   * Removes every entry and closes those that are {@link AutoCloseable}, children first, ignoring
   * what they throw. The table stays usable (empty).
   */
  @Override
  public void close() {
    List<Map.Entry<Integer, Entry>> all = new ArrayList<>(entries.entrySet());
    entries.clear();
    // Newer entries first: children are always newer than their parents.
    all.sort((a, b) -> Integer.compare(b.getKey(), a.getKey()));
    for (Map.Entry<Integer, Entry> e : all) {
      if (e.getValue().state instanceof AutoCloseable) {
        try {
          ((AutoCloseable) e.getValue().state).close();
        } catch (Exception ignored) {
          // Best effort: the instance is going away.
        }
      }
    }
  }

  /** The rep of a {@link Val.Own} or {@link Val.Borrow}. */
  public static int rep(Val handle) {
    if (handle instanceof Val.Own own) {
      return own.rep();
    }
    if (handle instanceof Val.Borrow borrow) {
      return borrow.rep();
    }
    throw new Trap("expected a resource handle, got " + handle);
  }

  private Entry entry(int rep) {
    Entry e = entries.get(rep);
    if (e == null) {
      throw new Trap("unknown host resource " + rep);
    }
    return e;
  }

  private static <T> T cast(int rep, Object state, Class<T> type) {
    if (!type.isInstance(state)) {
      throw new Trap(
          "host resource " + rep + " is a " + describe(state) + ", not a " + type.getSimpleName());
    }
    return type.cast(state);
  }

  private static String describe(Object o) {
    return o.getClass().getSimpleName();
  }
}
