package dev.wasihttp.component.internal.abi;

import dev.wasihttp.component.errors.Trap;
import dev.wasihttp.component.types.BorrowType;
import dev.wasihttp.component.types.FlagsType;
import dev.wasihttp.component.types.ListType;
import dev.wasihttp.component.types.OwnType;
import dev.wasihttp.component.types.PrimitiveType;
import dev.wasihttp.component.types.ValType;
import dev.wasihttp.component.values.Val;
import java.util.List;

/**
 * Storing (CanonicalABI.md, "Storing"): writing a component value into linear memory, allocating
 * the contents of strings and lists with {@code realloc}. Every value is checked against its type
 * as it is stored; a value of the wrong shape traps naming the expected type and the value.
 */
final class Storing {
  private Storing() {}

  /**
   * {@code store(cx, v, t, ptr)}.
   *
   * @param ptr a pointer aligned to {@code Layout.alignment(t)} with {@code Layout.elemSize(t)}
   *     bytes inside memory (a violation surfaces as the memory's out-of-bounds trap)
   */
  static void store(LiftLowerContext cx, Val v, ValType t, long ptr) {
    GuestMemory m = cx.memory();
    // A switch expression, so that a kind without a case here does not compile.
    Void stored =
        switch (t.kind()) {
          case BOOL, S8, U8 -> {
            m.writeByte(ptr, (byte) Scalars.lower((PrimitiveType) t, v));
            yield null;
          }
          case S16, U16 -> {
            m.writeShort(ptr, (short) Scalars.lower((PrimitiveType) t, v));
            yield null;
          }
          case S32, U32, F32, CHAR -> {
            m.writeInt(ptr, (int) Scalars.lower((PrimitiveType) t, v));
            yield null;
          }
          case S64, U64, F64 -> {
            m.writeLong(ptr, Scalars.lower((PrimitiveType) t, v));
            yield null;
          }
          case STRING -> storePtrLen(m, ptr, Strings.storeIntoRange(cx, v)); // store_string
          case LIST -> storePtrLen(m, ptr, storeListIntoRange(cx, v, (ListType) t));
          case OWN -> {
            m.writeInt(ptr, lowerOwn(cx, v, (OwnType) t));
            yield null;
          }
          case BORROW -> {
            m.writeInt(ptr, lowerBorrow(cx, v, (BorrowType) t));
            yield null;
          }
          case FLAGS -> storeFlags(m, v, (FlagsType) t, ptr);
          case RECORD, TUPLE -> storeRecord(cx, v, t, ptr);
          case VARIANT, ENUM, OPTION, RESULT -> storeVariant(cx, v, t, ptr);
        };
  }

  /** The pointer and length of a stored string or list, as two i32. */
  private static Void storePtrLen(GuestMemory m, long ptr, PtrLen r) {
    m.writeInt(ptr, (int) r.ptr());
    m.writeInt(ptr + Layout.PTR_SIZE, (int) r.length());
    return null;
  }

  /** {@code store_record}: each field at its offset (tuples are records with numbered fields). */
  private static Void storeRecord(LiftLowerContext cx, Val v, ValType t, long ptr) {
    List<ValType> fields = Shapes.fieldTypes(t);
    Val[] values = Shapes.fieldValues(t, v);
    int[] offsets = Layout.fieldOffsets(fields);
    for (int i = 0; i < values.length; i++) {
      store(cx, values[i], fields.get(i), ptr + offsets[i]);
    }
    return null;
  }

  /**
   * {@code store_list_into_range}: allocates {@code length * elem_size} bytes with the element
   * alignment (realloc is called even for an empty list), checks the result, stores each element.
   */
  static PtrLen storeListIntoRange(LiftLowerContext cx, Val v, ListType t) {
    if (!(v instanceof Val.ListValue list)) {
      throw Shapes.mismatch(t, v);
    }
    List<Val> elements = list.elements();
    ValType elem = t.element();
    int size = Layout.elemSize(elem);
    int alignment = Layout.alignment(elem);
    long byteLength = (long) elements.size() * size;
    if (byteLength >= 1L << 32) {
      throw new Trap("list too long: " + byteLength + " bytes do not fit a 32-bit memory");
    }
    long ptr = cx.allocate(alignment, byteLength, "list");
    if (elem == PrimitiveType.U8) {
      storeBytes(cx.memory(), list, t, ptr);
      return new PtrLen(ptr, elements.size());
    }
    for (int i = 0; i < elements.size(); i++) {
      store(cx, elements.get(i), elem, ptr + (long) i * size);
    }
    return new PtrLen(ptr, elements.size());
  }

  /** {@code list<u8>} in one write: the common case of bodies and byte strings. */
  private static void storeBytes(GuestMemory m, Val.ListValue list, ListType t, long ptr) {
    byte[] bytes = list.toBytes();
    if (bytes == null) {
      for (Val e : list.elements()) {
        if (!(e instanceof Val.U8)) {
          throw Shapes.mismatch(t.element(), e);
        }
      }
    }
    m.write(ptr, bytes, 0, bytes.length);
  }

  /** {@code store_variant}: the discriminant, then the payload at the payload offset. */
  private static Void storeVariant(LiftLowerContext cx, Val v, ValType t, long ptr) {
    List<ValType> cases = Shapes.caseTypes(t);
    int index = Shapes.caseIndex(t, v);
    GuestMemory m = cx.memory();
    switch (Layout.discriminantSize(cases.size())) {
      case 1 -> m.writeByte(ptr, (byte) index);
      case 2 -> m.writeShort(ptr, (short) index);
      default -> m.writeInt(ptr, index);
    }
    ValType payloadType = cases.get(index);
    if (payloadType != null) {
      store(cx, Shapes.payload(v), payloadType, ptr + Layout.payloadOffset(cases));
    }
    return null;
  }

  /** {@code store_flags}: bit i of word i/32 for the i-th name. */
  private static Void storeFlags(GuestMemory m, Val v, FlagsType t, long ptr) {
    int[] words = flagsWords(v, t);
    int size = Layout.flagsSize(t.names().size());
    if (size == 1) {
      m.writeByte(ptr, (byte) words[0]);
    } else if (size == 2) {
      m.writeShort(ptr, (short) words[0]);
    } else {
      for (int w = 0; w < words.length; w++) {
        m.writeInt(ptr + 4L * w, words[w]);
      }
    }
    return null;
  }

  /** {@code pack_flags_into_int}: traps on a name the type does not have. */
  static int[] flagsWords(Val v, FlagsType t) {
    if (!(v instanceof Val.Flags flags)) {
      throw Shapes.mismatch(t, v);
    }
    int[] words = new int[Layout.flagsWords(t.names().size())];
    for (String name : flags.names()) {
      int i = t.names().indexOf(name);
      if (i < 0) {
        throw Shapes.mismatch(t, v);
      }
      words[i >>> 5] |= 1 << (i & 31);
    }
    return words;
  }

  /** {@code lower_own} through the context's handle table, after checking the value's shape. */
  static int lowerOwn(LiftLowerContext cx, Val v, OwnType t) {
    if (!(v instanceof Val.Own own)) {
      throw Shapes.mismatch(t, v);
    }
    return cx.handles().lowerOwn(t, own);
  }

  /**
   * {@code lower_borrow} through the context's handle table, after checking the value's shape. An
   * owned resource may be lent where a borrow is expected: the caller keeps it.
   */
  static int lowerBorrow(LiftLowerContext cx, Val v, BorrowType t) {
    if (v instanceof Val.Own own) {
      return cx.handles().lowerBorrow(t, new Val.Borrow(own.type(), own.rep()));
    }
    if (!(v instanceof Val.Borrow borrow)) {
      throw Shapes.mismatch(t, v);
    }
    return cx.handles().lowerBorrow(t, borrow);
  }
}
