package dev.wasihttp.component.internal.abi;

import dev.wasihttp.component.types.FlagsType;
import dev.wasihttp.component.types.PrimitiveType;
import dev.wasihttp.component.types.ValType;
import java.util.List;

/**
 * Sizes and alignments of values in linear memory (CanonicalABI.md, "Alignment" and "Element
 * Size"), for 32-bit memories.
 *
 * <p>Every function is a pure function of an immutable type, so results may be memoized by a
 * caller; each one is a single pass over the type (linear in its size): size and alignment are
 * computed together so that a record's size never recomputes its fields' alignments.
 */
final class Layout {
  /** The size of a pointer and of a length in a 32-bit memory. */
  static final int PTR_SIZE = 4;

  private Layout() {}

  /** {@code alignment(t)}: 1, 2, 4 or 8. */
  static int alignment(ValType t) {
    return (int) (shape(t) & 0xff);
  }

  /** {@code elem_size(t)}: the bytes one value occupies, a multiple of its alignment. */
  static int elemSize(ValType t) {
    return (int) (shape(t) >>> 8);
  }

  /** {@code align_to(ptr, alignment)}: {@code ptr} rounded up to a multiple of the alignment. */
  static long alignTo(long ptr, int alignment) {
    return (ptr + alignment - 1) / alignment * alignment;
  }

  /** Whether {@code ptr} is a multiple of {@code alignment}. */
  static boolean isAligned(long ptr, int alignment) {
    return ptr % alignment == 0;
  }

  /**
   * The byte size of {@code discriminant_type(cases)}: u8 up to 256 cases, u16 up to 65536, else
   * u32 (CanonicalABI.md, "Alignment": discriminant_type).
   */
  static int discriminantSize(int caseCount) {
    if (caseCount <= 1 << 8) {
      return 1;
    }
    return caseCount <= 1 << 16 ? 2 : 4;
  }

  /** {@code discriminant_type(cases)}: {@code u8}, {@code u16} or {@code u32}. */
  static PrimitiveType discriminantType(int caseCount) {
    int size = discriminantSize(caseCount);
    return size == 1 ? PrimitiveType.U8 : size == 2 ? PrimitiveType.U16 : PrimitiveType.U32;
  }

  /** {@code max_case_alignment(cases)}: the largest payload alignment, 1 if none has a payload. */
  static int maxCaseAlignment(List<ValType> caseTypes) {
    int a = 1;
    for (ValType c : caseTypes) {
      if (c != null) {
        a = Math.max(a, alignment(c));
      }
    }
    return a;
  }

  /**
   * The offset of a variant's payload from its start: the discriminant, then padding to the largest
   * case alignment (CanonicalABI.md, "Loading": load_variant).
   */
  static int payloadOffset(List<ValType> caseTypes) {
    return (int) alignTo(discriminantSize(caseTypes.size()), maxCaseAlignment(caseTypes));
  }

  /**
   * The byte size of {@code flags} with {@code count} names: 0 for none, 1 up to 8, 2 up to 16,
   * else one u32 per 32 flags (CanonicalABI.md, "Element Size"; above 32 flags as the 0.2 text lays
   * them out).
   */
  static int flagsSize(int count) {
    if (count == 0) {
      return 0;
    }
    if (count <= 8) {
      return 1;
    }
    return count <= 16 ? 2 : 4 * flagsWords(count);
  }

  /** The number of u32 words of a flags value's flat form: {@code ceil(count / 32)}. */
  static int flagsWords(int count) {
    return (count + 31) / 32;
  }

  /**
   * The offset of each field of a record or tuple from its start: each field aligned to its own
   * alignment after the previous one (CanonicalABI.md, "Element Size": elem_size_record).
   */
  static int[] fieldOffsets(List<ValType> fieldTypes) {
    int[] offsets = new int[fieldTypes.size()];
    long s = 0;
    for (int i = 0; i < offsets.length; i++) {
      long shape = shape(fieldTypes.get(i));
      s = alignTo(s, (int) (shape & 0xff));
      offsets[i] = (int) s;
      s += shape >>> 8;
    }
    return offsets;
  }

  /**
   * Size and alignment in one pass, packed as {@code size << 8 | alignment} so that no object is
   * allocated per node.
   */
  static long shape(ValType t) {
    return switch (t.kind()) {
      case BOOL, S8, U8 -> scalar(1);
      case S16, U16 -> scalar(2);
      case S32, U32, F32, CHAR, OWN, BORROW -> scalar(4);
      case S64, U64, F64 -> scalar(8);
      case STRING, LIST -> (long) (2 * PTR_SIZE) << 8 | PTR_SIZE;
      case FLAGS -> {
        int size = flagsSize(((FlagsType) t).names().size());
        yield (long) size << 8 | Math.max(1, Math.min(size, 4));
      }
      case RECORD, TUPLE, VARIANT, ENUM, OPTION, RESULT -> TypeInfo.of(t).shape;
    };
  }

  /** A scalar's size is its alignment. */
  private static long scalar(int size) {
    return (long) size << 8 | size;
  }

  /** Fields one after the other, each aligned; the whole aligned to the largest alignment. */
  static long recordShape(List<ValType> fields) {
    long s = 0;
    int a = 1;
    for (ValType f : fields) {
      long shape = shape(f);
      int fa = (int) (shape & 0xff);
      s = alignTo(s, fa) + (shape >>> 8);
      a = Math.max(a, fa);
    }
    return alignTo(s, a) << 8 | a;
  }

  /** The discriminant, then the largest payload at the largest case alignment. */
  static long variantShape(List<ValType> cases) {
    int caseAlign = 1;
    long maxSize = 0;
    for (ValType c : cases) {
      if (c != null) {
        long shape = shape(c);
        caseAlign = Math.max(caseAlign, (int) (shape & 0xff));
        maxSize = Math.max(maxSize, shape >>> 8);
      }
    }
    int disc = discriminantSize(cases.size());
    int a = Math.max(disc, caseAlign);
    long s = alignTo(disc, caseAlign) + maxSize;
    return alignTo(s, a) << 8 | a;
  }
}
