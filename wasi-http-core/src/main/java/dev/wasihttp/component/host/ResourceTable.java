package dev.wasihttp.component.host;

import dev.wasihttp.component.errors.Trap;
import dev.wasihttp.component.limits.MemoryBudget;
import dev.wasihttp.component.values.Val;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One instance's table of host resources: the Java object behind each {@code rep} a host function
 * hands the guest in a {@link Val.Own}, with parent/child links for the spec's rule that a child (a
 * stream's pollable, a body's stream) must be dropped before its parent.
 *
 * <ul>
 *   <li>Reps start at 1 and are never reused within a table, so a stale rep is always an error.
 *   <li>At most {@link #capacity()} entries live at once; one more traps, so a guest cannot grow
 *       host memory without bound.
 *   <li>Each live entry is charged to the table's {@link MemoryBudget} (the host memory held for
 *       the guest): {@link #ENTRY_COST} bytes, plus what a {@link Sized} state holds, recounted by
 *       {@link #recount} when it changes. Past the budget's limit the call that would take more
 *       traps ({@link MemoryBudget#charge}); a deleted entry gives its bytes back.
 *   <li>A misused rep (unknown, or of another state class) is a host bug or a guest misuse the
 *       runtime did not catch; either way it traps.
 *   <li>{@link #close()} closes every {@link AutoCloseable} entry: dropping the instance's data
 *       object after closing its table frees everything.
 * </ul>
 *
 * <p>Not thread-safe: used by the thread running the guest.
 */
public final class ResourceTable implements AutoCloseable {
  /** What one live entry costs, whatever its state: the table's and the handle's share. */
  public static final int ENTRY_COST = 64;

  /** A resource state that holds bytes for the guest (fields, buffered body bytes). */
  public interface Sized {
    /** The bytes held now; the table recounts them when told to ({@link #recount}). */
    long hostBytes();
  }

  private static final class Entry {
    final Object state;
    final Entry parent;
    int children;
    long cost; // what is charged to the budget for it now

    Entry(Object state, Entry parent) {
      this.state = state;
      this.parent = parent;
    }
  }

  private final Map<Integer, Entry> entries = new HashMap<>();
  private final int capacity;
  private final MemoryBudget memory;
  private int nextRep = 1;

  /** An empty table holding at most {@code capacity} entries (positive), their bytes uncapped. */
  public ResourceTable(int capacity) {
    this(capacity, MemoryBudget.counting("host memory", null));
  }

  /**
   * An empty table holding at most {@code capacity} entries (positive), whose entries are charged
   * to {@code memory}.
   */
  public ResourceTable(int capacity, MemoryBudget memory) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.capacity = capacity;
    this.memory = Objects.requireNonNull(memory, "memory");
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
   * @throws Trap when the table is full or the host memory budget cannot take it
   */
  public int push(Object state) {
    return add(state, null);
  }

  /**
   * Adds {@code state} as a child of the live entry {@code parentRep}: the parent cannot be deleted
   * until this child is.
   *
   * @throws Trap when the table is full, the host memory budget cannot take it, or {@code
   *     parentRep} is not live
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
    Entry e = new Entry(state, parent);
    e.cost = cost(state);
    memory.charge(e.cost);
    int rep = nextRep++;
    entries.put(rep, e);
    return rep;
  }

  private static long cost(Object state) {
    return ENTRY_COST + (state instanceof Sized sized ? sized.hostBytes() : 0);
  }

  /**
   * Counts again what the state behind {@code rep} holds ({@link Sized}), after it changed: more is
   * charged, less given back.
   *
   * @throws Trap when {@code rep} is not live, or the host memory budget cannot take the growth
   */
  public void recount(int rep) {
    Entry e = entry(rep);
    long now = cost(e.state);
    if (now > e.cost) {
      memory.charge(now - e.cost);
    } else {
      memory.release(e.cost - now);
    }
    e.cost = now;
  }

  /** The budget this table's entries are charged to. */
  public MemoryBudget memory() {
    return memory;
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
    memory.release(e.cost);
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
      memory.release(e.getValue().cost);
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
