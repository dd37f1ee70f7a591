package dev.wasihttp.component;

import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.component.internal.link.HostDefinitions;
import dev.wasihttp.component.internal.link.InstanceExports;
import dev.wasihttp.component.internal.link.Instantiator;
import dev.wasihttp.component.internal.link.Store;

/**
 * A component linked against a host: every import has been found. Immutable and thread-safe; each
 * {@link #instantiate(Object)} makes a new, independent {@link ComponentInstance}.
 *
 * @param <T> the per-instance data the host functions receive
 */
public final class InstancePre<T> {
  private final Component component;
  private final HostDefinitions<T> host;

  InstancePre(Component component, HostDefinitions<T> host) {
    this.component = component;
    this.host = host;
  }

  public Component component() {
    return component;
  }

  /**
   * Instantiates the component: core modules are instantiated and their start functions run.
   *
   * @param data the embedder's per-instance data, handed to host functions as {@link
   *     dev.wasihttp.component.host.Caller#data()}
   * @throws ComponentException UNLINKABLE when an import does not fit its use, UNINSTANTIABLE when
   *     initialisation traps
   */
  public ComponentInstance<T> instantiate(T data) throws ComponentException {
    Store<T> store = new Store<>(data, Store.Limits.DEFAULT);
    InstanceExports exports =
        new Instantiator<>(store, component.modules(), false)
            .instantiateRoot(component.ast(), host);
    return new ComponentInstance<>(exports, store);
  }

  /** {@link #instantiate(Object)} with no embedder data (null). */
  public ComponentInstance<T> instantiate() throws ComponentException {
    return instantiate(null);
  }
}
