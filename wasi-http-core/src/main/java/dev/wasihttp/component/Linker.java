package dev.wasihttp.component;

import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.component.host.HostFunction;
import dev.wasihttp.component.host.ResourceDestructor;
import dev.wasihttp.component.internal.link.HostDefinitions;
import dev.wasihttp.component.internal.link.LinkPlan;
import dev.wasihttp.component.types.ResourceType;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Collects the host's implementations of the interfaces components import, by their WIT names (e.g.
 * {@code wasi:io/streams@0.2.0} and {@code [method]output-stream.write}), and links components
 * against them. An import of {@code wasi:io/streams@0.2.3} is satisfied by any semver-compatible
 * {@code 0.2.x} registered here, the highest one winning.
 *
 * <p>A linker is a mutable builder used by one thread; {@link #instantiatePre} takes an immutable
 * snapshot that is safe to share.
 *
 * @param <T> the per-instance data every host function registered here receives through its {@link
 *     dev.wasihttp.component.host.Caller}; a host family states what it needs of it (the WASI host,
 *     for example, takes any {@code T extends WasiView})
 */
public final class Linker<T> {
  private final Map<String, Map<String, HostFunction<T>>> funcs = new LinkedHashMap<>();
  private final Map<String, Map<String, HostDefinitions.HostResource<T>>> resources =
      new LinkedHashMap<>();
  private final Map<String, HostFunction<T>> rootFuncs = new HashMap<>();
  private boolean trapUnknownImports;

  /** Defines function {@code name} of interface {@code interfaceName}. */
  public Linker<T> func(String interfaceName, String name, HostFunction<T> function) {
    funcs
        .computeIfAbsent(interfaceName, k -> new LinkedHashMap<>())
        .put(Objects.requireNonNull(name), Objects.requireNonNull(function));
    resources.computeIfAbsent(interfaceName, k -> new LinkedHashMap<>());
    return this;
  }

  /** Defines a function imported directly by the root component (not through an interface). */
  public Linker<T> rootFunc(String name, HostFunction<T> function) {
    rootFuncs.put(Objects.requireNonNull(name), Objects.requireNonNull(function));
    return this;
  }

  /**
   * Defines resource type {@code name} of interface {@code interfaceName}. {@code destructor} (may
   * be null) runs when a guest drops an owning handle.
   */
  public Linker<T> resource(
      String interfaceName, String name, ResourceType type, ResourceDestructor<T> destructor) {
    if (!type.isHost()) {
      throw new IllegalArgumentException("not a host resource type: " + type);
    }
    resources
        .computeIfAbsent(interfaceName, k -> new LinkedHashMap<>())
        .put(name, new HostDefinitions.HostResource<>(type, destructor));
    funcs.computeIfAbsent(interfaceName, k -> new LinkedHashMap<>());
    return this;
  }

  /**
   * When on, imports the host does not define still link: missing functions trap with {@code "not
   * provided: NAME"} when called, missing resources become fresh host types. For inspecting and
   * testing components against a partial host.
   */
  public Linker<T> trapUnknownImports(boolean on) {
    this.trapUnknownImports = on;
    return this;
  }

  /**
   * Checks that every import of {@code component} is defined here and fits its use, and returns the
   * linked form, which instantiates it cheaply and may be shared between threads. The host
   * functions are found and the component's link-time work done here, once.
   *
   * @throws ComponentException UNLINKABLE naming the first import that is missing or does not fit
   */
  public InstancePre<T> instantiatePre(Component component) throws ComponentException {
    Map<String, HostDefinitions.Interface<T>> ifaces = new LinkedHashMap<>();
    for (String name : funcs.keySet()) {
      ifaces.put(
          name,
          new HostDefinitions.Interface<>(
              funcs.getOrDefault(name, Map.of()), resources.getOrDefault(name, Map.of())));
    }
    HostDefinitions<T> host = new HostDefinitions<>(ifaces, rootFuncs, trapUnknownImports);
    ImportCheck.check(component.ast(), host);
    return new InstancePre<>(component, LinkPlan.of(component.ast(), component.modules(), host));
  }
}
