package dev.wasihttp.component;

import dev.wasihttp.component.internal.link.ComponentFunc;
import dev.wasihttp.component.internal.link.InstanceExports;
import dev.wasihttp.component.internal.link.Item;
import dev.wasihttp.component.internal.link.Store;
import dev.wasihttp.component.limits.MemoryBudget;
import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One instance of a component with all its state: core instances, memories, handle tables and the
 * embedder's data. Not thread-safe: use it from one thread at a time. {@link #close} gives its
 * linear memory back to the {@link MemoryBudget} it was reserved from; an instance dropped without
 * it gives it back once the garbage collector finds it unreachable.
 *
 * @param <T> the embedder's per-instance data type
 */
public final class ComponentInstance<T> implements AutoCloseable {
  private static final Cleaner CLEANER = Cleaner.create();

  private final InstanceExports exports;
  private final Store<T> store;
  private final boolean resettable;
  private final Map<String, Func> funcs = new HashMap<>();
  private final Cleaner.Cleanable memory;

  /**
   * With {@code resettable}, captures the instance's image for {@link #reset}: call right after
   * instantiation.
   */
  ComponentInstance(InstanceExports exports, Store<T> store, boolean resettable) {
    this.exports = exports;
    this.store = store;
    this.resettable = resettable && store.capture();
    this.memory = CLEANER.register(this, store.closer());
  }

  /** The size of the instance's linear memories together, in bytes, as the guest sees them. */
  public long memorySize() {
    return store.memorySize();
  }

  /**
   * The bytes the instance's linear memories hold, and have reserved from their budget: their size,
   * and the room a reset keeps from earlier growth.
   */
  public long memoryHeld() {
    return store.memoryHeld();
  }

  /**
   * Gives the instance's linear memory back to its budget. The instance must not be called or reset
   * afterwards. Idempotent.
   */
  @Override
  public void close() {
    memory.clean();
  }

  /** The embedder's data object given at instantiation or at the last {@link #reset}. */
  public T data() {
    return store.data();
  }

  /**
   * Puts the instance back to its state right after instantiation and gives it {@code data}, so
   * that its next user cannot tell it from a fresh instance: every core instance's memory (contents
   * and size), mutable globals, tables and data and element segments, and every component
   * instance's handle table and flags. Costs about what the last use wrote, not the memory's size.
   * See {@link dev.wasihttp.component.InstancePool} for instances reused across requests.
   *
   * @return false when the instance cannot be reset (a trap poisoned it, or it holds state this
   *     runtime cannot restore); it is unchanged and must be dropped
   */
  public boolean reset(T data) {
    return resettable && store.reset(data);
  }

  /** Whether {@link #reset} can succeed now: the image was captured and no trap poisoned it. */
  boolean resettable() {
    return resettable && store.restorable();
  }

  /** Forgets the embedder's data, e.g. while the instance waits in a pool. */
  void clearData() {
    store.data(null);
  }

  /** The root export names, in export order. */
  public List<String> exportNames() {
    return new ArrayList<>(exports.exports().keySet());
  }

  /** The function exported at the root under {@code name}, or null. */
  public Func func(String name) {
    Item item = exports.export(name);
    return item instanceof Item.Func f ? new Func(name, f.func()) : null;
  }

  /**
   * The function {@code name} of the exported instance {@code interfaceName}, matched like imports
   * are: {@code wasi:http/incoming-handler@0.2.0} finds an export of any semver-compatible version.
   * Returns null if there is none.
   */
  public Func func(String interfaceName, String name) {
    // Looked up once per instance: a pooled instance is asked for the same function per request.
    String key = interfaceName + "#" + name;
    Func cached = funcs.get(key);
    if (cached == null) {
      String found = exports.interfaceExport(interfaceName);
      ComponentFunc f = exports.instanceFunc(found, name);
      if (f == null) {
        return null;
      }
      cached = new Func(found + "#" + name, f);
      funcs.put(key, cached);
    }
    return cached;
  }

  /**
   * Every exported function named {@code name}: at the root, and inside each exported instance.
   * Used to resolve a bare name; more than one result means it is ambiguous.
   */
  public List<Func> findFuncs(String name) {
    List<Func> out = new ArrayList<>();
    for (Map.Entry<String, Item> e : exports.exports().entrySet()) {
      if (e.getKey().equals(name) && e.getValue() instanceof Item.Func) {
        out.add(new Func(name, ((Item.Func) e.getValue()).func()));
      } else if (e.getValue() instanceof Item.Instance) {
        Item f = ((Item.Instance) e.getValue()).instance().export(name);
        if (f instanceof Item.Func func) {
          out.add(new Func(e.getKey() + "#" + name, func.func()));
        }
      }
    }
    return out;
  }
}
