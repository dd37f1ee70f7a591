package dev.wasihttp.component.internal.link;

import dev.wasihttp.component.host.Caller;
import dev.wasihttp.component.host.ResourceDestructor;
import dev.wasihttp.component.internal.abi.CoreFunc;
import dev.wasihttp.component.internal.engine.CoreImage;
import dev.wasihttp.component.internal.engine.CoreInstance;
import dev.wasihttp.component.internal.engine.MemoryLimiter;
import dev.wasihttp.component.internal.resources.HandleTable;
import dev.wasihttp.component.limits.InstanceLimits;
import dev.wasihttp.component.limits.MemoryBudget;
import dev.wasihttp.component.types.ResourceType;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Everything one instantiation of a root component owns: the embedder's data, the limits and the
 * account of its linear memory, and which instance implements each resource type (for destructors
 * and {@code lower_borrow}). Dropping the store drops the whole instance; {@link #close} gives its
 * memory back to the budget it was reserved from. Nothing here is shared with other instances.
 *
 * <p>An instance that serves one request after another is {@link #reset} to what {@link #capture}
 * saw right after instantiation and takes fresh data for each; everything else stays.
 *
 * @param <T> the embedder's data type, as the host functions bound to this store see it
 */
public final class Store<T> implements Caller<T> {

  /**
   * Who implements a resource type and how its owning handles are destroyed: by a guest function of
   * the defining instance, or by the host's destructor already bound to this store.
   */
  record ResourceImpl(ComponentInstanceState impl, CoreFunc guestDtor, IntConsumer hostDtor) {}

  private T data;
  private final InstanceLimits limits;
  private final InstanceMemory memory;
  private final Map<ResourceType, ResourceImpl> resources = new IdentityHashMap<>();
  private boolean guestResources;

  // Everything an instantiation made that changes when the instance runs, and its image.
  private final List<ComponentInstanceState> states = new ArrayList<>();
  private final List<CoreInstance> coreInstances = new ArrayList<>();
  private HandleTable.Image[] tableImages;
  private CoreImage[] coreImages;

  /**
   * A store for one instantiation with {@code data}, its memory and handles under {@code limits}.
   */
  public Store(T data, InstanceLimits limits) {
    this.data = data;
    this.limits = limits;
    this.memory = new InstanceMemory(limits.maxMemory(), limits.budget());
  }

  /**
   * A store for a dry run (linking, validation): nothing is capped, and the memories the run
   * reports are counted in a budget of their own ({@link #memorySize()}).
   */
  public static <T> Store<T> dryRun() {
    return new Store<>(
        null,
        new InstanceLimits(
            Long.MAX_VALUE, Integer.MAX_VALUE, MemoryBudget.counting("dry run", null)));
  }

  @Override
  public T data() {
    return data;
  }

  /** Replaces the embedder's data, e.g. when an instance is checked out for another request. */
  public void data(T data) {
    this.data = data;
  }

  void add(ComponentInstanceState state) {
    states.add(state);
  }

  CoreInstance add(CoreInstance instance) {
    coreInstances.add(instance);
    return instance;
  }

  /**
   * Captures the state of the instance as it is now, right after instantiation, for {@link #reset}.
   * Returns false when some of it cannot be put back (see {@link CoreImage#capture}).
   */
  public boolean capture() {
    CoreImage[] images = new CoreImage[coreInstances.size()];
    for (int i = 0; i < images.length; i++) {
      images[i] = coreInstances.get(i).capture();
      if (images[i] == null) {
        return false;
      }
    }
    HandleTable.Image[] tables = new HandleTable.Image[states.size()];
    for (int i = 0; i < tables.length; i++) {
      tables[i] = states.get(i).table.capture();
    }
    coreImages = images;
    tableImages = tables;
    return true;
  }

  /**
   * Puts the whole instance back to its captured state and gives it {@code data}: every core
   * instance's memory, globals, tables and segments, and every component instance's handle table
   * and flags. Returns false, changing nothing the next user could see, when it cannot: nothing was
   * captured, or a trap poisoned a component instance. Such an instance must be dropped.
   */
  public boolean reset(T data) {
    if (!restorable()) {
      return false;
    }
    for (CoreImage image : coreImages) {
      image.restore();
    }
    for (int i = 0; i < tableImages.length; i++) {
      states.get(i).restore(tableImages[i]);
    }
    this.data = data;
    return true;
  }

  /** Whether {@link #reset} would succeed now. */
  public boolean restorable() {
    if (coreImages == null) {
      return false;
    }
    for (ComponentInstanceState s : states) {
      if (s.poisoned) {
        return false;
      }
    }
    return true;
  }

  InstanceLimits limits() {
    return limits;
  }

  /** What decides whether the instance's core memories may be created and grow. */
  MemoryLimiter memoryLimiter() {
    return memory;
  }

  /** The size of the instance's linear memories together, in bytes, as the guest sees it. */
  public long memorySize() {
    return memory.size();
  }

  /** The bytes the instance's linear memories hold, room kept from earlier growth included. */
  public long memoryHeld() {
    return memory.held();
  }

  /**
   * What {@link #close} does, as an action that does not hold the store, for a cleaner to run once
   * the instance is unreachable.
   */
  public Runnable closer() {
    return memory::close;
  }

  /**
   * Gives back the memory the instance holds to its budget; the instance must not run after this
   * (its memories can no longer grow). Idempotent.
   */
  public void close() {
    memory.close();
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
