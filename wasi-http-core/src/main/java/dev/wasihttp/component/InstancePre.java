package dev.wasihttp.component;

import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.component.internal.link.LinkPlan;
import dev.wasihttp.component.internal.link.Store;

/**
 * A component linked against a host: every import has been found. Immutable and thread-safe; each
 * {@link #instantiate(Object)} makes a new, independent {@link ComponentInstance}.
 *
 * @param <T> the per-instance data the host functions receive
 */
public final class InstancePre<T> {
  private final Component component;
  private final LinkPlan<T> plan;

  InstancePre(Component component, LinkPlan<T> plan) {
    this.component = component;
    this.plan = plan;
  }

  public Component component() {
    return component;
  }

  /**
   * Instantiates the component: core modules are instantiated and their start functions run. What
   * does not depend on the instance (host functions found, types evaluated, signatures flattened
   * and checked) was done once by {@link Linker#instantiatePre}, so linking cannot fail here.
   *
   * @param data the embedder's per-instance data, handed to host functions as {@link
   *     dev.wasihttp.component.host.Caller#data()}
   * @throws ComponentException UNINSTANTIABLE when initialisation traps
   */
  public ComponentInstance<T> instantiate(T data) throws ComponentException {
    return instantiate(data, true);
  }

  /** {@link #instantiate(Object)}; {@code resettable} false skips capturing the image for reset. */
  ComponentInstance<T> instantiate(T data, boolean resettable) throws ComponentException {
    Store<T> store = new Store<>(data, Store.Limits.DEFAULT);
    return new ComponentInstance<>(plan.instantiate(store), store, resettable);
  }

  /** {@link #instantiate(Object)} with no embedder data (null). */
  public ComponentInstance<T> instantiate() throws ComponentException {
    return instantiate(null);
  }
}
