package dev.wasihttp.component.wave;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Printing then reading gives the same value back, for random types and values (a fixed seed, so a
 * failure repeats; the message shows the type and the text).
 */
class WaveRoundTripTest {
  private static final long SEED = 0x5741_5645L;
  private static final String[] NAMES = {"a", "b-c", "none", "ok", "true", "nan", "X1", "get-GET"};
  private static final int[] CODE_POINTS = {
    'a', ' ', '"', '\'', '\\', '\n', '\r', '\t', 0, 0x7f, 0xa0, 0xad, 0x301, 0x200d, 0x2603, 0xfe0f,
    0x1f30a, 0x10ffff, 0xe000, 0x2028
  };

  private final SplittableRandom random = new SplittableRandom(SEED);

  /** Strings and chars from characters WAVE must escape or keep as they are. */
  private final RandomVals values = new RandomVals(random, this::codePoint);

  @Test
  void randomValuesSurvivePrintAndParse() throws WaveException {
    for (int i = 0; i < 2000; i++) {
      ValType type = type(3);
      Val value = values.value(type);
      String text = Wave.print(value);
      Val back;
      try {
        back = Wave.parse(text, type);
      } catch (WaveException e) {
        throw new AssertionError(type.wit() + ": " + text + ": " + e.getMessage(), e);
      }
      assertEquals(value, back, () -> type.wit() + ": " + text);
      assertEquals(text, Wave.print(back));
    }
  }

  @Test
  void resultsPrintLikeWasmtime() {
    assertEquals("()", Wave.printResults(List.of()));
    assertEquals("7", Wave.printResults(List.of(new Val.U8(7))));
    assertEquals("(7, \"x\")", Wave.printResults(List.of(new Val.U8(7), new Val.Str("x"))));
  }

  @Test
  void handlesPrintInOurDocumentedForm() {
    ResourceType blob = ResourceType.host("blob");
    assertEquals("own<blob>#3", Wave.print(new Val.Own(blob, 3)));
    assertEquals("borrow<blob>#4294967295", Wave.print(new Val.Borrow(blob, -1)));
    assertEquals(
        "[own<blob>#1]",
        Wave.print(new Val.ListValue(List.of(new Val.Own(new OwnType(blob).resource(), 1)))));
  }

  private ValType type(int depth) {
    int pick = random.nextInt(depth == 0 ? 1 : 10);
    switch (pick) {
      case 0:
        PrimitiveType[] all = PrimitiveType.values();
        return all[random.nextInt(all.length)];
      case 1:
        return new ListType(type(depth - 1));
      case 2:
        return new OptionType(type(depth - 1));
      case 3:
        return new ResultType(maybe(depth - 1), maybe(depth - 1));
      case 4:
        List<ValType> types = new ArrayList<>();
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
          types.add(type(depth - 1));
        }
        return new TupleType(types);
      case 5:
        List<RecordType.Field> fields = new ArrayList<>();
        for (String name : names(1)) {
          fields.add(new RecordType.Field(name, type(depth - 1)));
        }
        return new RecordType(fields);
      case 6:
        List<VariantType.Case> cases = new ArrayList<>();
        for (String name : names(1)) {
          cases.add(new VariantType.Case(name, maybe(depth - 1)));
        }
        return new VariantType(cases);
      case 7:
        return new EnumType(names(1));
      case 8:
        return new FlagsType(names(0));
      default:
        return PrimitiveType.STRING;
    }
  }

  private ValType maybe(int depth) {
    return random.nextBoolean() ? type(depth) : null;
  }

  private List<String> names(int min) {
    List<String> names = new ArrayList<>();
    for (String n : NAMES) {
      if (random.nextInt(3) == 0) {
        names.add(n);
      }
    }
    if (names.size() < min) {
      names.add(NAMES[random.nextInt(NAMES.length)]);
    }
    return names;
  }

  private int codePoint() {
    return random.nextBoolean()
        ? CODE_POINTS[random.nextInt(CODE_POINTS.length)]
        : random.nextInt(0x20, 0xd800);
  }
}
