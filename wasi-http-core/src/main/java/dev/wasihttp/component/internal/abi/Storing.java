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
public final class Storing {
  private Storing() {}

  /**
   * {@code store(cx, v, t, ptr)}.
   *
   * @param ptr a pointer aligned to {@code Layout.alignment(t)} with {@code Layout.elemSize(t)}
   *     bytes inside memory (a violation surfaces as the memory's out-of-bounds trap)
   */
  public static void store(LiftLowerContext cx, Val v, ValType t, long ptr) {
    GuestMemory m = cx.memory();
    if (t instanceof PrimitiveType p) {
      switch (p) {
        case STRING:
          Strings.store(cx, v, ptr);
          break;
        case BOOL:
        case S8:
        case U8:
          m.writeByte(ptr, (byte) Scalars.lower(p, v));
          break;
        case S16:
        case U16:
          m.writeShort(ptr, (short) Scalars.lower(p, v));
          break;
        case S64:
        case U64:
        case F64:
          m.writeLong(ptr, Scalars.lower(p, v));
          break;
        default:
          m.writeInt(ptr, (int) Scalars.lower(p, v));
          break;
      }
    } else if (t instanceof ListType type3) {
      PtrLen r = storeListIntoRange(cx, v, type3);
      m.writeInt(ptr, (int) r.ptr());
      m.writeInt(ptr + Layout.PTR_SIZE, (int) r.length());
    } else if (t instanceof OwnType type2) {
      m.writeInt(ptr, lowerOwn(cx, v, type2));
    } else if (t instanceof BorrowType type1) {
      m.writeInt(ptr, lowerBorrow(cx, v, type1));
    } else if (t instanceof FlagsType type) {
      storeFlags(m, v, type, ptr);
    } else if (Shapes.isRecordLike(t)) {
      List<ValType> fields = Shapes.fieldTypes(t);
      Val[] values = Shapes.fieldValues(t, v);
      int[] offsets = Layout.fieldOffsets(fields);
      for (int i = 0; i < values.length; i++) {
        store(cx, values[i], fields.get(i), ptr + offsets[i]);
      }
    } else {
      storeVariant(cx, v, t, ptr);
    }
  }

  /**
   * {@code store_list_into_range}: allocates {@code length * elem_size} bytes with the element
   * alignment (realloc is called even for an empty list), checks the result, stores each element.
   */
  static PtrLen storeListIntoRange(LiftLowerContext cx, Val v, ListType t) {
    if (!(v instanceof Val.ListValue)) {
      throw Shapes.mismatch(t, v);
    }
    List<Val> elements = ((Val.ListValue) v).elements();
    ValType elem = t.element();
    int size = Layout.elemSize(elem);
    int alignment = Layout.alignment(elem);
    long byteLength = (long) elements.size() * size;
    if (byteLength >= 1L << 32) {
      throw new Trap("list too long: " + byteLength + " bytes do not fit a 32-bit memory");
    }
    long ptr = cx.allocate(alignment, byteLength, "list");
    if (elem == PrimitiveType.U8) {
      storeBytes(cx.memory(), elements, t, ptr);
      return new PtrLen(ptr, elements.size());
    }
    for (int i = 0; i < elements.size(); i++) {
      store(cx, elements.get(i), elem, ptr + (long) i * size);
    }
    return new PtrLen(ptr, elements.size());
  }

  /** {@code list<u8>} in one write: the common case of bodies and byte strings. */
  private static void storeBytes(GuestMemory m, List<Val> elements, ListType t, long ptr) {
    byte[] bytes = new byte[elements.size()];
    for (int i = 0; i < bytes.length; i++) {
      Val e = elements.get(i);
      if (!(e instanceof Val.U8)) {
        throw Shapes.mismatch(t.element(), e);
      }
      bytes[i] = (byte) ((Val.U8) e).value();
    }
    m.write(ptr, bytes, 0, bytes.length);
  }

  /** {@code store_variant}: the discriminant, then the payload at the payload offset. */
  private static void storeVariant(LiftLowerContext cx, Val v, ValType t, long ptr) {
    List<ValType> cases = Shapes.caseTypes(t);
    int index = Shapes.caseIndex(t, v);
    GuestMemory m = cx.memory();
    switch (Layout.discriminantSize(cases.size())) {
      case 1:
        m.writeByte(ptr, (byte) index);
        break;
      case 2:
        m.writeShort(ptr, (short) index);
        break;
      default:
        m.writeInt(ptr, index);
        break;
    }
    ValType payloadType = cases.get(index);
    if (payloadType != null) {
      store(cx, Shapes.payload(v), payloadType, ptr + Layout.payloadOffset(cases));
    }
  }

  /** {@code store_flags}: bit i of word i/32 for the i-th name. */
  private static void storeFlags(GuestMemory m, Val v, FlagsType t, long ptr) {
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
  }

  /** {@code pack_flags_into_int}: traps on a name the type does not have. */
  static int[] flagsWords(Val v, FlagsType t) {
    if (!(v instanceof Val.Flags)) {
      throw Shapes.mismatch(t, v);
    }
    int[] words = new int[Layout.flagsWords(t.names().size())];
    for (String name : ((Val.Flags) v).names()) {
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
    if (!(v instanceof Val.Own)) {
      throw Shapes.mismatch(t, v);
    }
    return cx.handles().lowerOwn(t, (Val.Own) v);
  }

  /**
   * {@code lower_borrow} through the context's handle table, after checking the value's shape. An
   * owned resource may be lent where a borrow is expected: the caller keeps it.
   */
  static int lowerBorrow(LiftLowerContext cx, Val v, BorrowType t) {
    if (v instanceof Val.Own own) {
      return cx.handles().lowerBorrow(t, new Val.Borrow(own.type(), own.rep()));
    }
    if (!(v instanceof Val.Borrow)) {
      throw Shapes.mismatch(t, v);
    }
    return cx.handles().lowerBorrow(t, (Val.Borrow) v);
  }
}
