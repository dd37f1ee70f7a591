package dev.wasihttp.http.internal;

import dev.wasihttp.component.Trap;
import dev.wasihttp.component.types.ResourceType;
import dev.wasihttp.component.values.Val;
import java.util.HashMap;
import java.util.Map;

/**
 * One request's table of wasi:http resources handed to the guest: the state behind each {@code
 * rep}, and which entries are children of which (a {@code headers} handle of its request, for
 * example). Deleting an entry with live children traps, as Wasmtime's resource table does: a
 * child must not outlive its parent. Reps are never reused within a request.
 *
 * <p>Used by the request's thread only.
 */
public final class HttpTable {
  /** A cap on live entries, so a guest cannot grow host memory without bound. */
  public static final int MAX_ENTRIES = 100_000;

  private static final class Slot {
    final Object state;
    final Slot parent;
    int children;

    Slot(Object state, Slot parent) {
      this.state = state;
      this.parent = parent;
    }
  }

  private final Map<Integer, Slot> slots = new HashMap<>();
  private int nextRep = 1;

  /** Adds {@code state} and returns an owning handle of {@code type} to give the guest. */
  public Val.Own push(ResourceType type, Object state) {
    return new Val.Own(type, add(state, null));
  }

  /** Adds {@code state} as a child of the live entry {@code parentRep}. */
  public Val.Own pushChild(ResourceType type, Object state, int parentRep) {
    Slot parent = slot(parentRep);
    parent.children++;
    return new Val.Own(type, add(state, parent));
  }

  private int add(Object state, Slot parent) {
    if (slots.size() >= MAX_ENTRIES) {
      throw new Trap("too many wasi:http resources (" + MAX_ENTRIES + ")");
    }
    int rep = nextRep++;
    slots.put(rep, new Slot(state, parent));
    return rep;
  }

  /** The state of a borrowed or owned handle. */
  public <T> T get(Val handle, Class<T> state) {
    return cast(slot(rep(handle)).state, state);
  }

  /** The state behind {@code rep}. */
  public <T> T get(int rep, Class<T> state) {
    return cast(slot(rep).state, state);
  }

  /**
   * Removes {@code rep} (the guest dropped it, or handed it to the host) and returns its state.
   *
   * @throws Trap when the entry still has children
   */
  public <T> T delete(int rep, Class<T> state) {
    Slot s = slot(rep);
    T t = cast(s.state, state);
    if (s.children > 0) {
      throw new Trap(
          "resource has children: " + describe(s.state) + " dropped while " + s.children
              + " of its child resources are alive");
    }
    slots.remove(rep);
    if (s.parent != null) {
      s.parent.children--;
    }
    return t;
  }

  /** {@link #delete(int, Class)} of an owning handle's rep. */
  public <T> T delete(Val handle, Class<T> state) {
    return delete(rep(handle), state);
  }

  /** Live entries. */
  public int size() {
    return slots.size();
  }

  private Slot slot(int rep) {
    Slot s = slots.get(rep);
    if (s == null) {
      // The runtime checks handles before they reach us; an unknown rep is a host bug.
      throw new Trap("unknown wasi:http resource " + rep);
    }
    return s;
  }

  private static int rep(Val handle) {
    if (handle instanceof Val.Own) {
      return ((Val.Own) handle).rep();
    }
    if (handle instanceof Val.Borrow) {
      return ((Val.Borrow) handle).rep();
    }
    throw new Trap("expected a resource handle, got " + handle);
  }

  private static <T> T cast(Object o, Class<T> state) {
    if (!state.isInstance(o)) {
      throw new Trap("expected " + state.getSimpleName() + ", found " + describe(o));
    }
    return state.cast(o);
  }

  private static String describe(Object o) {
    return o.getClass().getSimpleName();
  }
}
