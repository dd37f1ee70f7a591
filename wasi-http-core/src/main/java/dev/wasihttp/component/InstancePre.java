package dev.wasihttp.component;

import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.component.errors.ResourceExhausted;
import dev.wasihttp.component.internal.link.LinkPlan;
import dev.wasihttp.component.internal.link.Store;
import dev.wasihttp.component.limits.InstanceLimits;

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
   * The bytes of linear memory a new instance starts with: every core memory it creates, at its
   * initial size. An instance whose {@link InstanceLimits#maxMemory()} is below this cannot be
   * made.
   */
  public long initialMemory() {
    return plan.initialMemory();
  }

  /**
   * Instantiates the component under {@link InstanceLimits#defaults()}: core modules are
   * instantiated and their start functions run. What does not depend on the instance (host
   * functions found, types evaluated, signatures flattened and checked) was done once by {@link
   * Linker#instantiatePre}, so linking cannot fail here.
   *
   * @param data the embedder's per-instance data, handed to host functions as {@link
   *     dev.wasihttp.component.host.Caller#data()}
   * @throws ComponentException UNINSTANTIABLE when initialisation traps, or the initial memory is
   *     over the limit
   * @throws ResourceExhausted when the memory budget cannot hold the initial memory now
   */
  public ComponentInstance<T> instantiate(T data) throws ComponentException {
    return instantiate(data, InstanceLimits.defaults());
  }

  /**
   * {@link #instantiate(Object)} under {@code limits}: its linear memory is capped and reserved
   * from their budget until the instance is {@linkplain ComponentInstance#close closed} (or
   * unreachable), and its handle tables capped.
   */
  public ComponentInstance<T> instantiate(T data, InstanceLimits limits) throws ComponentException {
    return instantiate(data, limits, true);
  }

  /** {@link #instantiate(Object, InstanceLimits)}; {@code resettable} false skips the image. */
  ComponentInstance<T> instantiate(T data, InstanceLimits limits, boolean resettable)
      throws ComponentException {
    Store<T> store = new Store<>(data, limits);
    try {
      return new ComponentInstance<>(plan.instantiate(store), store, resettable);
    } catch (ComponentException | RuntimeException | Error e) {
      store.close(); // what the memories made so far reserved
      throw e;
    }
  }

  /** {@link #instantiate(Object)} with no embedder data (null). */
  public ComponentInstance<T> instantiate() throws ComponentException {
    return instantiate(null);
  }
}
