package dev.wasihttp.wasi;

import dev.wasihttp.component.host.ResourceTable;
import dev.wasihttp.component.limits.MemoryBudget;
import dev.wasihttp.wasi.io.Waker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One instance's WASI state, all in one place: the {@link WasiConfig} it was granted, the {@link
 * ResourceTable} of host resources handed to the guest (streams, pollables, errors, descriptors,
 * and those of wasi:http), the {@link Waker} its blocked calls sleep on, and per-instance state of
 * the interface families (the standard output line buffers, for example).
 *
 * <p>Create one per instance, keep it in the instance's data object (which implements {@link
 * WasiView}), and {@link #close()} it when the instance is done: that flushes a partial last line
 * of standard output and error and closes every host resource still in the table. After that,
 * dropping the data object frees everything.
 *
 * <p>Used by the thread running the guest, except {@link #waker()}, which producers on other
 * threads call.
 */
public final class WasiContext implements AutoCloseable {
  private final WasiConfig config;
  private final ResourceTable table;
  private final Waker waker = new Waker();
  private final Map<Class<?>, Object> locals = new LinkedHashMap<>();

  /** A fresh context granting what {@code config} says; the host memory it holds is not capped. */
  public WasiContext(WasiConfig config) {
    this(config, MemoryBudget.counting("host memory", null));
  }

  /**
   * A fresh context granting what {@code config} says, the host memory held for the guest charged
   * to {@code hostMemory} (see {@link ResourceTable}).
   */
  public WasiContext(WasiConfig config, MemoryBudget hostMemory) {
    this.config = Objects.requireNonNull(config, "config");
    this.table = new ResourceTable(config.maxResources(), hostMemory);
  }

  /** What this instance was granted. */
  public WasiConfig config() {
    return config;
  }

  /** The host resources handed to the guest. */
  public ResourceTable table() {
    return table;
  }

  /** What the host holds for this guest is charged to: its table's budget. */
  public MemoryBudget hostMemory() {
    return table.memory();
  }

  /** What this instance's blocked calls wait on; thread-safe. */
  public Waker waker() {
    return waker;
  }

  /**
   * This instance's state of kind {@code key}, created by {@code create} on first use. Interface
   * families keep per-instance state here; state that is {@link AutoCloseable} is closed by {@link
   * #close()}, in creation order.
   */
  public <T> T local(Class<T> key, Supplier<? extends T> create) {
    Object o = locals.get(key);
    if (o == null) {
      o = Objects.requireNonNull(create.get(), "create");
      locals.put(key, o);
    }
    return key.cast(o);
  }

  /**
   * Ends the instance's WASI state: closes the per-instance state (flushing partial output lines)
   * and every resource left in the table. Idempotent; never throws.
   */
  @Override
  public void close() {
    List<Object> all = new ArrayList<>(locals.values());
    locals.clear();
    for (Object o : all) {
      if (o instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception ignored) {
          // Best effort: the instance is going away.
        }
      }
    }
    table.close();
  }
}
