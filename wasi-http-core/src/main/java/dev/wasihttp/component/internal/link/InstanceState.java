package dev.wasihttp.component.internal.link;

import dev.wasihttp.component.Trap;
import dev.wasihttp.component.internal.resources.CallScope;
import dev.wasihttp.component.internal.resources.ResourceTable;

/**
 * The run-time state of one component instance (CanonicalABI.md, {@code ComponentInstance}): its
 * handle table and the flags that guard entering and leaving it. A trap poisons it.
 */
public final class InstanceState {
  final ResourceTable table;
  final Store store;
  /** False while realloc or post-return runs: the instance may not call out. */
  boolean mayLeave = true;
  /** True while a lifted function of this instance is on the stack (no re-entrance in 0.2). */
  boolean onStack;
  boolean poisoned;
  /** The callee-side scope of the innermost call into this instance. */
  CallScope currentScope;

  InstanceState(Store store) {
    this.store = store;
    this.table = new ResourceTable(store.limits().maxHandles());
  }

  void checkMayEnter() {
    if (poisoned || onStack) {
      throw new Trap("cannot enter component instance");
    }
  }

  void checkMayLeave() {
    if (!mayLeave) {
      throw new Trap("cannot leave component instance");
    }
  }
}
