package dev.wasihttp.component.internal.engine;

import dev.wasihttp.component.errors.ComponentException;

/**
 * What decides whether the core memories of one instance may take more bytes (Wasmtime's {@code
 * ResourceLimiter.memory_growing}). A memory reports two amounts: its size, what the guest sees
 * ({@code memory.size}), and the bytes it holds, which may be more (room kept from earlier growth)
 * or, when it grows into that room, need no more. Called by the thread running the instance.
 */
public interface MemoryLimiter {
  /** Refuses nothing. */
  MemoryLimiter NONE =
      new MemoryLimiter() {
        @Override
        public void create(long size) {}

        @Override
        public boolean grow(long sizeDelta, long heldDelta) {
          return true;
        }

        @Override
        public void shrink(long sizeDelta, long heldDelta) {}

        @Override
        public long growthLeft() {
          return Long.MAX_VALUE / 2;
        }
      };

  /**
   * A new memory of {@code size} bytes, all of them held.
   *
   * @throws ComponentException UNINSTANTIABLE when no instance may have it (over a per-instance
   *     cap)
   * @throws dev.wasihttp.component.errors.ResourceExhausted when a budget shared with other
   *     instances cannot hold it now
   */
  void create(long size) throws ComponentException;

  /**
   * Whether a memory may grow by {@code sizeDelta} bytes, allocating {@code heldDelta} more (0 when
   * it grows into room it holds already); when true, both are counted.
   */
  boolean grow(long sizeDelta, long heldDelta);

  /**
   * {@link #grow}, where {@code heldDelta} includes room beyond what the guest asked for: granted
   * only from what is free now, never by dropping other instances' idle memory for it (the memory
   * then asks {@link #grow} for the exact growth).
   */
  default boolean growWithRoom(long sizeDelta, long heldDelta) {
    return grow(sizeDelta, heldDelta);
  }

  /** A memory became {@code sizeDelta} bytes smaller and gave {@code heldDelta} bytes back. */
  void shrink(long sizeDelta, long heldDelta);

  /**
   * How many bytes the memories may still grow by, their size together; a memory keeps no more room
   * than that.
   */
  long growthLeft();
}
