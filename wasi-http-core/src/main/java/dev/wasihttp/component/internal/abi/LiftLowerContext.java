package dev.wasihttp.component.internal.abi;

import dev.wasihttp.component.errors.Trap;
import java.util.Objects;

/**
 * What one lift or lower needs besides the values (CanonicalABI.md, "Lifting and Lowering
 * Context"): the canonical options (memory, realloc, string encoding) and the handle operations of
 * the component instance whose memory and table are used. Also the checked forms of the operations
 * on them: memory access with the spec's bounds and alignment traps, and {@code realloc} calls
 * whose results are checked as the spec says.
 *
 * <p>A context is used by one thread, for one call.
 *
 * @param options the canonical options of the {@code canon lift} or {@code canon lower}
 * @param handles the handle operations; {@link HandleContext#NONE} when null
 */
public record LiftLowerContext(CanonicalOptions options, HandleContext handles) {
  public LiftLowerContext {
    Objects.requireNonNull(options, "options");
    if (handles == null) {
      handles = HandleContext.NONE;
    }
  }

  /** The {@code memory} option; traps when a value needs memory and the option is absent. */
  GuestMemory memory() {
    GuestMemory m = options.memory();
    if (m == null) {
      throw new Trap("canonical option `memory` is required to pass this value");
    }
    return m;
  }

  /** The {@code string-encoding} option. */
  StringEncoding encoding() {
    return options.encoding();
  }

  /**
   * {@code cx.allocate(alignment, byte_length)}: {@code realloc(0, 0, alignment, byteLength)}, then
   * the checks the callers in CanonicalABI.md make of its result: aligned, and the whole range
   * inside memory.
   *
   * @param content what is being allocated, for the message ("list", "string", ...)
   */
  long allocate(int alignment, long byteLength, String content) {
    return reallocate(0, 0, alignment, byteLength, content);
  }

  /** {@code cx.reallocate(old, old_byte_length, alignment, new_byte_length)}, checked likewise. */
  long reallocate(long old, long oldByteLength, int alignment, long newByteLength, String content) {
    CoreFunc realloc = options.realloc();
    if (realloc == null) {
      throw new Trap("canonical option `realloc` is required to pass this value");
    }
    long[] r = realloc.call(old, oldByteLength, alignment, newByteLength);
    if (r == null || r.length != 1) {
      throw new Trap("realloc return: expected one i32 result");
    }
    long ptr = r[0] & 0xffff_ffffL;
    if (!Layout.isAligned(ptr, alignment)) {
      // Wasmtime words this "realloc return: result not aligned" for the host and "unaligned
      // pointer" in adapters; the reference tests expect either, so the reason carries both.
      throw new Trap(
          "unaligned pointer: realloc return: result not aligned (0x"
              + Long.toHexString(ptr)
              + " for alignment "
              + alignment
              + ")");
    }
    long size = memory().byteSize();
    if (ptr + newByteLength > size) {
      throw new Trap(
          "realloc return: beyond end of memory ("
              + content
              + " content out-of-bounds: 0x"
              + Long.toHexString(ptr)
              + " + "
              + newByteLength
              + " > "
              + size
              + ")");
    }
    return ptr;
  }

  /**
   * Checks a pointer the guest passed for a value stored in memory (spilled parameters, a return
   * pointer): aligned for the value and the whole value inside memory (CanonicalABI.md, "Lifting
   * and Lowering Values": lift_flat_values, lower_flat_values).
   */
  void checkPointer(long ptr, int alignment, long byteLength) {
    if (!Layout.isAligned(ptr, alignment)) {
      throw new Trap(
          "unaligned pointer: 0x" + Long.toHexString(ptr) + " for alignment " + alignment);
    }
    long size = memory().byteSize();
    if (ptr + byteLength > size) {
      throw new Trap(
          "pointer out of bounds of memory: 0x"
              + Long.toHexString(ptr)
              + " + "
              + byteLength
              + " > "
              + size);
    }
  }

  /**
   * {@code count * elemSize} without overflow: saturates at {@link Long#MAX_VALUE}, which no memory
   * reaches, so a bounds check on the result still traps.
   */
  static long byteLength(long count, long elemSize) {
    if (elemSize != 0 && count > Long.MAX_VALUE / elemSize) {
      return Long.MAX_VALUE;
    }
    return count * elemSize;
  }

  /** Whether {@code [ptr, ptr + byteLength)} lies inside memory; both are non-negative. */
  boolean inBounds(long ptr, long byteLength) {
    return byteLength <= memory().byteSize() - ptr;
  }
}
