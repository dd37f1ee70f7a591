package dev.wasihttp.component.internal.link;

import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.component.errors.ResourceExhausted;
import dev.wasihttp.component.internal.engine.MemoryLimiter;
import dev.wasihttp.component.limits.MemoryBudget;

/**
 * The linear memory of one root instance, all its core memories together: their size is held under
 * the instance's cap, and the bytes they hold are reserved from a budget of the instance's own
 * inside the shared one, so that {@link #close} gives back exactly what the instance still holds,
 * whatever the memories reported. Used by the thread running the instance; {@link #close} may run
 * on a cleaner's thread once the instance is unreachable.
 */
final class InstanceMemory implements MemoryLimiter {
  private final long maxMemory;
  private final MemoryBudget held;
  private long size;

  /** Memory under {@code maxMemory} bytes of size, held bytes reserved from {@code shared}. */
  InstanceMemory(long maxMemory, MemoryBudget shared) {
    this.maxMemory = maxMemory;
    this.held = MemoryBudget.counting("instance memory", shared);
  }

  @Override
  public void create(long bytes) throws ComponentException {
    if (bytes > maxMemory - size) {
      throw new ComponentException(
          ComponentException.Kind.UNINSTANTIABLE,
          "its linear memory starts at "
              + (size + bytes)
              + " bytes or more, over the limit of "
              + maxMemory
              + " bytes per instance");
    }
    if (!held.reserve(bytes)) {
      throw new ResourceExhausted(
          "the guest memory budget cannot hold another " + bytes + " bytes of linear memory now");
    }
    size += bytes;
  }

  @Override
  public boolean grow(long sizeDelta, long heldDelta) {
    if (sizeDelta > maxMemory - size || !held.reserve(heldDelta)) {
      return false;
    }
    size += sizeDelta;
    return true;
  }

  @Override
  public boolean growWithRoom(long sizeDelta, long heldDelta) {
    if (sizeDelta > maxMemory - size || !held.reserveIfFree(heldDelta)) {
      return false;
    }
    size += sizeDelta;
    return true;
  }

  @Override
  public void shrink(long sizeDelta, long heldDelta) {
    size -= sizeDelta;
    held.release(heldDelta);
  }

  @Override
  public long growthLeft() {
    return maxMemory - size;
  }

  /** The size of all the memories, as the guest sees it. */
  long size() {
    return size;
  }

  /** The bytes all the memories hold. */
  long held() {
    return held.used();
  }

  /** Gives back every byte the memories hold; later growth is refused. Idempotent. */
  void close() {
    held.close();
  }
}
