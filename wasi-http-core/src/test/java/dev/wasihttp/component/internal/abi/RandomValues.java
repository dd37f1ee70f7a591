package dev.wasihttp.component.internal.abi;

import dev.wasihttp.component.types.BorrowType;
import dev.wasihttp.component.types.EnumType;
import dev.wasihttp.component.types.FlagsType;
import dev.wasihttp.component.types.ListType;
import dev.wasihttp.component.types.OptionType;
import dev.wasihttp.component.types.OwnType;
import dev.wasihttp.component.types.PrimitiveType;
import dev.wasihttp.component.types.RecordType;
import dev.wasihttp.component.types.ResourceType;
import dev.wasihttp.component.types.ResultType;
import dev.wasihttp.component.types.TupleType;
import dev.wasihttp.component.types.ValType;
import dev.wasihttp.component.types.VariantType;
import dev.wasihttp.component.values.Val;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded generators of random component types and of random values of a type, for fuzzing. */
final class RandomValues {
  static final ResourceType RESOURCE = ResourceType.host("res");
  private static final PrimitiveType[] PRIMITIVES = PrimitiveType.values();

  private final Random random;

  RandomValues(Random random) {
    this.random = random;
  }

  /** A random type nested at most {@code depth} levels. */
  ValType type(int depth) {
    int pick = random.nextInt(depth <= 0 ? 3 : 14);
    switch (pick) {
      case 0:
      case 1:
        return PRIMITIVES[random.nextInt(PRIMITIVES.length)];
      case 2:
        return flags(random.nextInt(4) == 0 ? 33 + random.nextInt(40) : random.nextInt(18));
      case 3:
        return new ListType(type(depth - 1));
      case 4:
        List<RecordType.Field> fields = new ArrayList<>();
        for (int i = 1 + random.nextInt(4); i > 0; i--) {
          fields.add(new RecordType.Field("f" + i, type(depth - 1)));
        }
        return new RecordType(fields);
      case 5:
        List<ValType> types = new ArrayList<>();
        for (int i = 1 + random.nextInt(4); i > 0; i--) {
          types.add(type(depth - 1));
        }
        return new TupleType(types);
      case 6:
        List<VariantType.Case> cases = new ArrayList<>();
        int n = random.nextInt(10) == 0 ? 257 + random.nextInt(10) : 1 + random.nextInt(5);
        for (int i = 0; i < n; i++) {
          boolean payload = i < 6 && random.nextBoolean();
          cases.add(new VariantType.Case("c" + i, payload ? type(depth - 1) : null));
        }
        return new VariantType(cases);
      case 7:
        List<String> names = new ArrayList<>();
        for (int i = 1 + random.nextInt(5); i > 0; i--) {
          names.add("e" + i);
        }
        return new EnumType(names);
      case 8:
      case 9:
        return new OptionType(type(depth - 1));
      case 10:
      case 11:
        return new ResultType(
            random.nextInt(3) == 0 ? null : type(depth - 1),
            random.nextInt(3) == 0 ? null : type(depth - 1));
      case 12:
        return new OwnType(RESOURCE);
      default:
        return new BorrowType(RESOURCE);
    }
  }

  private static FlagsType flags(int count) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      names.add("g" + i);
    }
    return new FlagsType(names);
  }

  /** A random value of type {@code t}, as a host would make it. */
  Val value(ValType t) {
    if (t instanceof PrimitiveType) {
      return primitive((PrimitiveType) t);
    } else if (t instanceof ListType) {
      List<Val> out = new ArrayList<>();
      for (int i = random.nextInt(4); i > 0; i--) {
        out.add(value(((ListType) t).element()));
      }
      return new Val.List(out);
    } else if (t instanceof RecordType) {
      List<Val.Record.Field> out = new ArrayList<>();
      for (RecordType.Field f : ((RecordType) t).fields()) {
        out.add(new Val.Record.Field(f.name(), value(f.type())));
      }
      return new Val.Record(out);
    } else if (t instanceof TupleType) {
      List<Val> out = new ArrayList<>();
      for (ValType e : ((TupleType) t).types()) {
        out.add(value(e));
      }
      return new Val.Tuple(out);
    } else if (t instanceof VariantType) {
      List<VariantType.Case> cases = ((VariantType) t).cases();
      VariantType.Case c = cases.get(random.nextInt(cases.size()));
      return new Val.Variant(c.name(), c.type() == null ? null : value(c.type()));
    } else if (t instanceof EnumType) {
      List<String> names = ((EnumType) t).names();
      return new Val.Enum(names.get(random.nextInt(names.size())));
    } else if (t instanceof OptionType) {
      return random.nextBoolean()
          ? Val.Option.none()
          : Val.Option.some(value(((OptionType) t).type()));
    } else if (t instanceof ResultType) {
      ResultType r = (ResultType) t;
      boolean ok = random.nextBoolean();
      ValType side = ok ? r.ok() : r.err();
      Val payload = side == null ? null : value(side);
      return ok ? Val.Result.ok(payload) : Val.Result.err(payload);
    } else if (t instanceof FlagsType) {
      List<String> set = new ArrayList<>();
      for (String name : ((FlagsType) t).names()) {
        if (random.nextBoolean()) {
          set.add(name);
        }
      }
      return new Val.Flags(set);
    } else if (t instanceof OwnType) {
      return new Val.Own(RESOURCE, random.nextInt(1000));
    } else {
      return new Val.Borrow(RESOURCE, random.nextInt(1000));
    }
  }

  private Val primitive(PrimitiveType p) {
    switch (p) {
      case BOOL:
        return new Val.Bool(random.nextBoolean());
      case S8:
        return new Val.S8((byte) random.nextInt());
      case U8:
        return new Val.U8(random.nextInt(256));
      case S16:
        return new Val.S16((short) random.nextInt());
      case U16:
        return new Val.U16(random.nextInt(65536));
      case S32:
        return new Val.S32(random.nextInt());
      case U32:
        return new Val.U32(random.nextInt() & 0xffff_ffffL);
      case S64:
        return new Val.S64(random.nextLong());
      case U64:
        return new Val.U64(random.nextLong());
      case F32:
        return new Val.F32(Float.intBitsToFloat(random.nextInt()));
      case F64:
        return new Val.F64(Double.longBitsToDouble(random.nextLong()));
      case CHAR:
        return new Val.Char(codePoint());
      default:
        StringBuilder s = new StringBuilder();
        for (int i = random.nextInt(6); i > 0; i--) {
          s.appendCodePoint(codePoint());
        }
        return new Val.Str(s.toString());
    }
  }

  /** A Unicode scalar value from every range: ASCII, latin-1, the BMP and the other planes. */
  private int codePoint() {
    switch (random.nextInt(4)) {
      case 0:
        return random.nextInt(0x80);
      case 1:
        return random.nextInt(0x100);
      case 2:
        int c = random.nextInt(0x10000);
        return c >= 0xd800 && c <= 0xdfff ? c - 0x800 : c;
      default:
        return 0x10000 + random.nextInt(0x100000);
    }
  }

  /**
   * A plausible core value: often a small number (a pointer or length inside a small memory), a
   * discriminant-sized number, or random bits.
   */
  long coreValue(long memorySize) {
    switch (random.nextInt(4)) {
      case 0:
        return random.nextInt(8);
      case 1:
        return random.nextInt((int) memorySize + 16);
      case 2:
        return random.nextInt() & 0xffff_ffffL;
      default:
        return random.nextLong();
    }
  }

  /** Fills {@code mem} with words that are often plausible pointers, lengths and small numbers. */
  void fill(ByteArrayGuestMemory mem) {
    long size = mem.byteSize();
    for (long at = 0; at + 4 <= size; at += 4) {
      mem.writeInt(at, (int) coreValue(size));
    }
  }
}
