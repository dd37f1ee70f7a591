package dev.wasihttp.component.values;

import dev.wasihttp.component.types.BorrowType;
import dev.wasihttp.component.types.EnumType;
import dev.wasihttp.component.types.FlagsType;
import dev.wasihttp.component.types.ListType;
import dev.wasihttp.component.types.OptionType;
import dev.wasihttp.component.types.OwnType;
import dev.wasihttp.component.types.PrimitiveType;
import dev.wasihttp.component.types.RecordType;
import dev.wasihttp.component.types.ResultType;
import dev.wasihttp.component.types.TupleType;
import dev.wasihttp.component.types.ValType;
import dev.wasihttp.component.types.VariantType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.random.RandomGenerator;

/**
 * Seeded random values of a given component type, as a host would make them: the one generator
 * behind the canonical-ABI and the WAVE fuzz tests, which differ only in the types they draw and in
 * the characters strings are made of.
 */
public final class RandomVals {
  private final RandomGenerator random;
  private final IntSupplier codePoint;

  /** Values whose characters come from every Unicode range ({@link #anyCodePoint}). */
  public RandomVals(RandomGenerator random) {
    this.random = random;
    this.codePoint = () -> anyCodePoint(random);
  }

  /** Values whose chars and string characters come from {@code codePoint}. */
  public RandomVals(RandomGenerator random, IntSupplier codePoint) {
    this.random = random;
    this.codePoint = codePoint;
  }

  /** A Unicode scalar value from every range: ASCII, latin-1, the BMP and the other planes. */
  public static int anyCodePoint(RandomGenerator random) {
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

  /** A random value of type {@code t}; handles get a random rep of their resource type. */
  public Val value(ValType t) {
    if (t instanceof PrimitiveType type8) {
      return primitive(type8);
    } else if (t instanceof ListType type7) {
      List<Val> out = new ArrayList<>();
      for (int i = random.nextInt(4); i > 0; i--) {
        out.add(value(type7.element()));
      }
      return new Val.ListValue(out);
    } else if (t instanceof RecordType type6) {
      List<Val.RecordValue.Field> out = new ArrayList<>();
      for (RecordType.Field f : type6.fields()) {
        out.add(new Val.RecordValue.Field(f.name(), value(f.type())));
      }
      return new Val.RecordValue(out);
    } else if (t instanceof TupleType type5) {
      List<Val> out = new ArrayList<>();
      for (ValType e : type5.types()) {
        out.add(value(e));
      }
      return new Val.Tuple(out);
    } else if (t instanceof VariantType type4) {
      List<VariantType.Case> cases = type4.cases();
      VariantType.Case c = cases.get(random.nextInt(cases.size()));
      return new Val.Variant(c.name(), c.type() == null ? null : value(c.type()));
    } else if (t instanceof EnumType type3) {
      List<String> names = type3.names();
      return new Val.EnumValue(names.get(random.nextInt(names.size())));
    } else if (t instanceof OptionType type2) {
      return random.nextBoolean() ? Val.Option.none() : Val.Option.some(value(type2.type()));
    } else if (t instanceof ResultType r) {
      boolean ok = random.nextBoolean();
      ValType side = ok ? r.ok() : r.err();
      Val payload = side == null ? null : value(side);
      return ok ? Val.Result.ok(payload) : Val.Result.err(payload);
    } else if (t instanceof FlagsType type1) {
      List<String> set = new ArrayList<>();
      for (String name : type1.names()) {
        if (random.nextBoolean()) {
          set.add(name);
        }
      }
      return new Val.Flags(set);
    } else if (t instanceof OwnType type) {
      return new Val.Own(type.resource(), random.nextInt(1000));
    } else {
      return new Val.Borrow(((BorrowType) t).resource(), random.nextInt(1000));
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
        return new Val.Char(codePoint.getAsInt());
      default:
        StringBuilder s = new StringBuilder();
        for (int i = random.nextInt(6); i > 0; i--) {
          s.appendCodePoint(codePoint.getAsInt());
        }
        return new Val.Str(s.toString());
    }
  }
}
