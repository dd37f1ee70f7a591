package dev.wasihttp.component.internal.link;

import dev.wasihttp.component.host.Caller;
import dev.wasihttp.component.host.ResourceDestructor;
import dev.wasihttp.component.internal.abi.CoreFunc;
import dev.wasihttp.component.types.ResourceType;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Everything one instantiation of a root component owns: the embedder's data, the limits, and which
 * instance implements each resource type (for destructors and {@code lower_borrow}). Dropping the
 * store drops the whole instance; nothing here is shared with other instances.
 *
 * <p>The data is the only part an embedder replaces: an instance that serves one request after
 * another takes fresh data for each ({@link #data(Object)}), everything else stays.
 *
 * @param <T> the embedder's data type, as the host functions bound to this store see it
 */
public final class Store<T> implements Caller<T> {
  /** Caps on what a guest controls. */
  public record Limits(int maxHandles) {
    public static final Limits DEFAULT = new Limits(1 << 20);
  }

  /**
   * Who implements a resource type and how its owning handles are destroyed: by a guest function of
   * the defining instance, or by the host's destructor already bound to this store.
   */
  record ResourceImpl(ComponentInstanceState impl, CoreFunc guestDtor, IntConsumer hostDtor) {}

  private T data;
  private final Limits limits;
  private final Map<ResourceType, ResourceImpl> resources = new IdentityHashMap<>();
  private boolean guestResources;

  public Store(T data, Limits limits) {
    this.data = data;
    this.limits = limits;
  }

  @Override
  public T data() {
    return data;
  }

  /** Replaces the embedder's data, e.g. when an instance is checked out for another request. */
  public void data(T data) {
    this.data = data;
  }

  Limits limits() {
    return limits;
  }

  void defineGuestResource(ResourceType type, ComponentInstanceState impl, CoreFunc dtor) {
    resources.put(type, new ResourceImpl(impl, dtor, null));
    guestResources = true;
  }

  /**
   * Whether a guest has defined a resource type in this store yet. Resource definitions are
   * generative (Explainer, "Resource types"), so until the first one every type an instance's index
   * spaces hold depends only on the component and the host.
   */
  boolean definesGuestResources() {
    return guestResources;
  }

  void defineHostResource(ResourceType type, ResourceDestructor<T> dtor) {
    resources.put(
        type, new ResourceImpl(null, null, dtor == null ? null : rep -> dtor.drop(this, rep)));
  }

  ResourceImpl resource(ResourceType type) {
    return resources.get(type);
  }
}
