package dev.wasihttp.component.internal.abi;

import dev.wasihttp.component.errors.Trap;
import dev.wasihttp.component.types.BorrowType;
import dev.wasihttp.component.types.FlagsType;
import dev.wasihttp.component.types.ListType;
import dev.wasihttp.component.types.OwnType;
import dev.wasihttp.component.types.PrimitiveType;
import dev.wasihttp.component.types.ValType;
import dev.wasihttp.component.values.Val;
import java.util.ArrayList;
import java.util.List;

/**
 * Loading (CanonicalABI.md, "Loading"): reading a component value out of linear memory. {@link
 * #load} requires, as the spec asserts, a pointer aligned for the type with the whole value inside
 * memory; the pointers found inside values (strings, lists) are checked here and trap with the
 * spec's reasons.
 */
final class Loading {
  /**
   * The most elements a list of zero-sized elements (e.g. {@code list<flags {}>}) may claim. Such a
   * list occupies no memory, so the bounds check cannot limit its length; this cap keeps a guest
   * from making the host build billions of values.
   */
  static final long MAX_ZERO_SIZE_LIST_LENGTH = 1 << 20;

  /** The most elements a Java list holds; only a memory above 2 GiB could claim more. */
  private static final long MAX_HOST_LIST_LENGTH = Integer.MAX_VALUE - 8;

  private Loading() {}

  /**
   * {@code load(cx, ptr, t)}.
   *
   * @param ptr a pointer aligned to {@code Layout.alignment(t)} with {@code Layout.elemSize(t)}
   *     bytes inside memory (a violation surfaces as the memory's out-of-bounds trap)
   */
  static Val load(LiftLowerContext cx, long ptr, ValType t) {
    GuestMemory m = cx.memory();
    return switch (t.kind()) {
      case BOOL, S8, U8 -> Scalars.lift((PrimitiveType) t, m.readByte(ptr));
      case S16, U16 -> Scalars.lift((PrimitiveType) t, m.readShort(ptr));
      case S32, U32, F32, CHAR -> Scalars.lift((PrimitiveType) t, m.readInt(ptr));
      case S64, U64, F64 -> Scalars.lift((PrimitiveType) t, m.readLong(ptr));
      case STRING -> Strings.load(cx, ptr);
      case LIST -> {
        long begin = Integer.toUnsignedLong(m.readInt(ptr));
        long length = Integer.toUnsignedLong(m.readInt(ptr + Layout.PTR_SIZE));
        yield loadListFromRange(cx, begin, length, ((ListType) t).element());
      }
      case OWN -> cx.handles().liftOwn((OwnType) t, m.readInt(ptr));
      case BORROW -> cx.handles().liftBorrow((BorrowType) t, m.readInt(ptr));
      case FLAGS -> loadFlags(m, ptr, (FlagsType) t);
      case RECORD, TUPLE -> loadRecord(cx, ptr, t);
      case VARIANT, ENUM, OPTION, RESULT -> loadVariant(cx, ptr, t);
    };
  }

  /**
   * {@code load_list_from_range}: checks the pointer's alignment for the element type and that
   * {@code length} elements fit in memory before building anything, then loads each element.
   */
  static Val.ListValue loadListFromRange(LiftLowerContext cx, long ptr, long length, ValType elem) {
    int size = Layout.elemSize(elem);
    int alignment = Layout.alignment(elem);
    if (!Layout.isAligned(ptr, alignment)) {
      throw new Trap(
          "unaligned pointer: list at 0x" + Long.toHexString(ptr) + " for alignment " + alignment);
    }
    long byteLength = LiftLowerContext.byteLength(length, size);
    if (!cx.inBounds(ptr, byteLength)) {
      // Wasmtime's host and adapters word this differently; the reason carries both.
      throw new Trap(
          "list content out-of-bounds: list pointer/length out of bounds of memory (0x"
              + Long.toHexString(ptr)
              + " + "
              + length
              + " * "
              + size
              + " > "
              + cx.memory().byteSize()
              + ")");
    }
    if (size == 0 ? length > MAX_ZERO_SIZE_LIST_LENGTH : length > MAX_HOST_LIST_LENGTH) {
      throw new Trap("list too long: " + length + " elements");
    }
    if (elem == PrimitiveType.U8) {
      return loadBytes(cx.memory(), ptr, (int) length);
    }
    List<Val> out = new ArrayList<>((int) Math.min(length, 1 << 16));
    for (long i = 0; i < length; i++) {
      out.add(load(cx, ptr + i * size, elem));
    }
    return new Val.ListValue(out);
  }

  /** {@code list<u8>} in one read: the common case of bodies and byte strings. */
  private static Val.ListValue loadBytes(GuestMemory m, long ptr, int length) {
    return Val.ListValue.ofOwnedBytes(m.read(ptr, length));
  }

  /** {@code load_record}: each field at its offset (tuples are records with numbered fields). */
  private static Val loadRecord(LiftLowerContext cx, long ptr, ValType t) {
    List<ValType> fields = Shapes.fieldTypes(t);
    int[] offsets = Layout.fieldOffsets(fields);
    Val[] values = new Val[fields.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = load(cx, ptr + offsets[i], fields.get(i));
    }
    return Shapes.recordValue(t, values);
  }

  /**
   * {@code load_variant}: the discriminant (trapping when it names no case), then the case's
   * payload after the discriminant, aligned to the largest case alignment.
   */
  private static Val loadVariant(LiftLowerContext cx, long ptr, ValType t) {
    List<ValType> cases = Shapes.caseTypes(t);
    GuestMemory m = cx.memory();
    long index =
        switch (Layout.discriminantSize(cases.size())) {
          case 1 -> m.readByte(ptr) & 0xffL;
          case 2 -> m.readShort(ptr) & 0xffffL;
          default -> Integer.toUnsignedLong(m.readInt(ptr));
        };
    checkDiscriminant(index, t, cases.size());
    ValType payloadType = cases.get((int) index);
    Val payload =
        payloadType == null ? null : load(cx, ptr + Layout.payloadOffset(cases), payloadType);
    return Shapes.variantValue(t, (int) index, payload);
  }

  /** Traps with the spec's reason when a discriminant names no case. */
  static void checkDiscriminant(long index, ValType t, int caseCount) {
    if (index >= caseCount) {
      throw new Trap("invalid variant discriminant " + index + " for " + t.wit());
    }
  }

  /** {@code load_flags}: bits above the last flag are ignored. */
  private static Val loadFlags(GuestMemory m, long ptr, FlagsType t) {
    int n = t.names().size();
    int size = Layout.flagsSize(n);
    int[] words = new int[Layout.flagsWords(n)];
    if (size == 1) {
      words[0] = m.readByte(ptr) & 0xff;
    } else if (size == 2) {
      words[0] = m.readShort(ptr) & 0xffff;
    } else {
      for (int w = 0; w < words.length; w++) {
        words[w] = m.readInt(ptr + 4L * w);
      }
    }
    return flagsValue(t, words);
  }

  /** {@code unpack_flags_from_int}: the names whose bit is set, bit i of word i/32 for name i. */
  static Val.Flags flagsValue(FlagsType t, int[] words) {
    List<String> names = t.names();
    List<String> set = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      if ((words[i >>> 5] >>> (i & 31) & 1) != 0) {
        set.add(names.get(i));
      }
    }
    return new Val.Flags(set);
  }
}
