package dev.wasihttp.component.limits;

import java.util.Objects;

/**
 * Caps on what one component instance may take, checked as it takes it (Wasmtime's {@code
 * StoreLimits}): the guest sees a refusal the way the spec lets it fail, never an error of the
 * host's.
 *
 * <ul>
 *   <li>Linear memory: all the instance's core memories together hold at most {@code maxMemory}
 *       bytes of wasm memory ({@code memory.size} pages of 64 KiB); past it {@code memory.grow}
 *       returns -1. The bytes a memory really holds (its pages and the room a pooled instance keeps
 *       from earlier growth) are reserved from {@code budget}, which every instance sharing it
 *       draws on: when it cannot give them, {@code memory.grow} returns -1 too, and a new instance
 *       is refused ({@link dev.wasihttp.component.errors.ResourceExhausted}).
 *   <li>Handles: each component instance's handle table holds at most {@code maxHandles}; one more
 *       traps.
 * </ul>
 *
 * @param maxMemory bytes of linear memory per instance, 0 or more
 * @param maxHandles handles per component instance's table, 1 or more
 * @param budget where the bytes memories hold are reserved
 */
public record InstanceLimits(long maxMemory, int maxHandles, MemoryBudget budget) {
  /** 4 GiB: wasm32's own bound, 65,536 pages. */
  public static final long DEFAULT_MAX_MEMORY = 1L << 32;

  /** 100,000 handles per table, as many as the WASI host's resource table holds. */
  public static final int DEFAULT_MAX_HANDLES = 100_000;

  public InstanceLimits {
    if (maxMemory < 0) {
      throw new IllegalArgumentException("maxMemory must not be negative: " + maxMemory);
    }
    if (maxHandles < 1) {
      throw new IllegalArgumentException("maxHandles must be at least 1: " + maxHandles);
    }
    Objects.requireNonNull(budget, "budget");
  }

  /**
   * {@link #DEFAULT_MAX_MEMORY} and {@link #DEFAULT_MAX_HANDLES}, memory reserved from {@link
   * MemoryBudget#jvm()}.
   */
  public static InstanceLimits defaults() {
    return new InstanceLimits(DEFAULT_MAX_MEMORY, DEFAULT_MAX_HANDLES, MemoryBudget.jvm());
  }

  /** These limits with {@code bytes} of linear memory per instance. */
  public InstanceLimits withMaxMemory(long bytes) {
    return new InstanceLimits(bytes, maxHandles, budget);
  }

  /** These limits with {@code handles} per handle table. */
  public InstanceLimits withMaxHandles(int handles) {
    return new InstanceLimits(maxMemory, handles, budget);
  }

  /** These limits reserving memory from {@code budget}. */
  public InstanceLimits withBudget(MemoryBudget budget) {
    return new InstanceLimits(maxMemory, maxHandles, budget);
  }
}
