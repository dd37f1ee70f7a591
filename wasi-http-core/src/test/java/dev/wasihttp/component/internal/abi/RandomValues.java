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
import dev.wasihttp.component.values.RandomVals;
import dev.wasihttp.component.values.Val;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded generators of random component types (handles included), of random values of a type
 * ({@link RandomVals}) and of plausible core values, for fuzzing the canonical ABI.
 */
final class RandomValues {
  static final ResourceType RESOURCE = ResourceType.host("res");
  private static final PrimitiveType[] PRIMITIVES = PrimitiveType.values();

  private final Random random;
  private final RandomVals values;

  RandomValues(Random random) {
    this.random = random;
    this.values = new RandomVals(random);
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
    return values.value(t);
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
