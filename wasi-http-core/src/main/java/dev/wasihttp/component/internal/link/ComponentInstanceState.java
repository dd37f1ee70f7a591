package dev.wasihttp.component.internal.link;

import dev.wasihttp.component.errors.Trap;
import dev.wasihttp.component.internal.resources.CallScope;
import dev.wasihttp.component.internal.resources.HandleTable;
import java.util.ArrayList;
import java.util.List;

/**
 * The run-time state of one component instance, root or nested (CanonicalABI.md, {@code
 * ComponentInstance}): its handle table and the flags that guard entering and leaving it. A trap
 * poisons it.
 */
final class ComponentInstanceState {
  final HandleTable table;
  final Store<?> store;

  /** The instance this one is nested in, or null for the root. */
  final ComponentInstanceState parent;

  /** False while realloc or post-return runs: the instance may not call out. */
  boolean mayLeave = true;

  /** False while a call has entered this instance (no re-entrance in 0.2). */
  boolean mayEnter = true;

  boolean poisoned;

  /** The callee-side scope of the innermost call into this instance. */
  CallScope currentScope;

  ComponentInstanceState(Store<?> store, ComponentInstanceState parent) {
    this.store = store;
    this.parent = parent;
    this.table = new HandleTable(store.limits().maxHandles());
  }

  /**
   * Enters this instance from {@code caller} (null for the host): this instance and its ancestors
   * that are not also the caller's (CanonicalABI.md, {@code entering_set}) must not be entered
   * already, and are marked entered. Returns them, for {@link #leave}.
   */
  List<ComponentInstanceState> enterFrom(ComponentInstanceState caller) {
    List<ComponentInstanceState> set = new ArrayList<>(2);
    for (ComponentInstanceState i = this; i != null; i = i.parent) {
      if (!isSelfOrAncestor(i, caller)) {
        if (!i.mayEnter || i.poisoned) {
          throw new Trap("cannot enter component instance");
        }
        set.add(i);
      }
    }
    for (ComponentInstanceState i : set) {
      i.mayEnter = false;
    }
    return set;
  }

  static void leave(List<ComponentInstanceState> entered) {
    for (ComponentInstanceState i : entered) {
      i.mayEnter = true;
    }
  }

  private static boolean isSelfOrAncestor(ComponentInstanceState i, ComponentInstanceState of) {
    for (ComponentInstanceState x = of; x != null; x = x.parent) {
      if (x == i) {
        return true;
      }
    }
    return false;
  }

  /**
   * Puts this instance's own state back to {@code image}, as right after instantiation: no call in
   * progress, may enter and may leave. Never called on a poisoned instance: it is dropped instead.
   */
  void restore(HandleTable.Image image) {
    table.restore(image);
    mayEnter = true;
    mayLeave = true;
    currentScope = null;
  }

  void checkMayLeave() {
    if (!mayLeave) {
      throw new Trap("cannot leave component instance");
    }
  }
}
