package dev.wasihttp.component.internal.abi;

import java.util.Arrays;

/**
 * Core values in transit, as the engine passes them: one {@code long} each, i32 and f32 in the low
 * 32 bits (read ignoring the high bits, written zero-extended), i64 and f64 as all 64 bits.
 *
 * <p>Because every value is raw bits, the coercions between a variant's joined slot types and a
 * case's own types (CanonicalABI.md, "Flat Lifting": lift_flat_variant, "Flat Lowering":
 * lower_flat_variant) reduce to reading the low 32 bits and writing zero-extended values.
 */
final class CoreValues {
  private CoreValues() {}

  /** {@code CoreValueIter}: reads core values in order. */
  static final class Cursor {
    private final long[] values;
    private int next;

    Cursor(long[] values, int start) {
      this.values = values;
      this.next = start;
    }

    /** The next value as raw bits. */
    long next() {
      if (next >= values.length) {
        throw new IllegalArgumentException(
            "fewer core values than the flattened type needs: " + values.length);
      }
      return values[next++];
    }

    /** The next value as an i32, read unsigned (pointers, lengths, discriminants). */
    long nextU32() {
      return next() & 0xffff_ffffL;
    }

    /** How many values have been read since the start of the array. */
    int position() {
      return next;
    }

    /** Skips {@code n} values (the unused slots of a variant's flat form). */
    void skip(int n) {
      for (int i = 0; i < n; i++) {
        next();
      }
    }
  }

  /** Collects core values while lowering. */
  static final class Buffer {
    private long[] values = new long[8];
    private int size;

    /** Adds one value as raw bits; returns this buffer. */
    Buffer add(long value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = value;
      return this;
    }

    /** Adds an i32 zero-extended; returns this buffer. */
    Buffer addI32(int value) {
      return add(Integer.toUnsignedLong(value));
    }

    /** Adds the pointer and length of a stored string or list, as two i32; returns this buffer. */
    Buffer add(PtrLen r) {
      return add(r.ptr()).add(r.length());
    }

    int size() {
      return size;
    }

    long[] toArray() {
      return Arrays.copyOf(values, size);
    }
  }
}
