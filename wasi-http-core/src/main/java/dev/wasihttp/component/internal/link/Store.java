package dev.wasihttp.component.internal.link;

import dev.wasihttp.component.host.Caller;
import dev.wasihttp.component.host.ResourceDestructor;
import dev.wasihttp.component.internal.abi.CoreFunction;
import dev.wasihttp.component.types.ResourceType;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Everything one instantiation of a root component owns: the embedder's data, the limits, and which
 * instance implements each resource type (for destructors and {@code lower_borrow}). Dropping the
 * store drops the whole instance; nothing here is shared with other instances.
 */
public final class Store implements Caller {
  /** Caps on what a guest controls. */
  public record Limits(int maxHandles) {
    public static final Limits DEFAULT = new Limits(1 << 20);
  }

  /** Who implements a resource type and how its owning handles are destroyed. */
  record ResourceImpl(InstanceState impl, CoreFunction guestDtor, ResourceDestructor hostDtor) {}

  private final Object data;
  private final Limits limits;
  private final Map<ResourceType, ResourceImpl> resources = new IdentityHashMap<>();

  public Store(Object data, Limits limits) {
    this.data = data;
    this.limits = limits;
  }

  @Override
  public Object data() {
    return data;
  }

  Limits limits() {
    return limits;
  }

  void defineGuestResource(ResourceType type, InstanceState impl, CoreFunction dtor) {
    resources.put(type, new ResourceImpl(impl, dtor, null));
  }

  void defineHostResource(ResourceType type, ResourceDestructor dtor) {
    resources.put(type, new ResourceImpl(null, null, dtor));
  }

  ResourceImpl resource(ResourceType type) {
    return resources.get(type);
  }
}
