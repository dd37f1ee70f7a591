package dev.wasihttp.component.internal.abi;

import static dev.wasihttp.component.internal.abi.Fixtures.enumOf;
import static dev.wasihttp.component.internal.abi.Fixtures.flags;
import static dev.wasihttp.component.internal.abi.Fixtures.list;
import static dev.wasihttp.component.internal.abi.Fixtures.option;
import static dev.wasihttp.component.internal.abi.Fixtures.record;
import static dev.wasihttp.component.internal.abi.Fixtures.result;
import static dev.wasihttp.component.internal.abi.Fixtures.tuple;
import static dev.wasihttp.component.internal.abi.Fixtures.variant;
import static dev.wasihttp.component.types.PrimitiveType.BOOL;
import static dev.wasihttp.component.types.PrimitiveType.CHAR;
import static dev.wasihttp.component.types.PrimitiveType.F32;
import static dev.wasihttp.component.types.PrimitiveType.F64;
import static dev.wasihttp.component.types.PrimitiveType.S16;
import static dev.wasihttp.component.types.PrimitiveType.STRING;
import static dev.wasihttp.component.types.PrimitiveType.U16;
import static dev.wasihttp.component.types.PrimitiveType.U32;
import static dev.wasihttp.component.types.PrimitiveType.U64;
import static dev.wasihttp.component.types.PrimitiveType.U8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasihttp.component.types.BorrowType;
import dev.wasihttp.component.types.OwnType;
import dev.wasihttp.component.types.ResourceType;
import dev.wasihttp.component.types.ValType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayoutTest {
  private static void assertLayout(ValType t, int size, int alignment) {
    assertEquals(size, Layout.elemSize(t), "elem_size of " + t.wit());
    assertEquals(alignment, Layout.alignment(t), "alignment of " + t.wit());
  }

  @Test
  void scalarsAreNaturallyAligned() {
    assertLayout(BOOL, 1, 1);
    assertLayout(U8, 1, 1);
    assertLayout(S16, 2, 2);
    assertLayout(U16, 2, 2);
    assertLayout(U32, 4, 4);
    assertLayout(F32, 4, 4);
    assertLayout(CHAR, 4, 4);
    assertLayout(U64, 8, 8);
    assertLayout(F64, 8, 8);
  }

  @Test
  void stringsAndListsArePointerAndLength() {
    assertLayout(STRING, 8, 4);
    assertLayout(list(U64), 8, 4);
    ResourceType r = ResourceType.host("r");
    assertLayout(new OwnType(r), 4, 4);
    assertLayout(new BorrowType(r), 4, 4);
  }

  @Test
  void recordFieldsAreAlignedInOrderAndTheSizeRoundedUp() {
    var t = record("a", U8, "b", U32, "c", U16);
    assertArrayEquals(new int[] {0, 4, 8}, Layout.fieldOffsets(List.of(U8, U32, U16)));
    assertLayout(t, 12, 4);
    assertLayout(tuple(U8, U64), 16, 8);
    assertLayout(tuple(U8, U8, U8), 3, 1);
    assertLayout(record("s", STRING, "b", BOOL), 12, 4);
  }

  @Test
  void variantsPutThePayloadAfterTheDiscriminantAlignedToTheWidestCase() {
    assertLayout(option(U8), 2, 1);
    assertLayout(option(U64), 16, 8);
    assertEquals(8, Layout.payloadOffset(Arrays.asList(null, U64)));
    assertLayout(result(U32, STRING), 12, 4);
    assertLayout(result(null, null), 1, 1);
    assertLayout(variant("a", null, "b", U16, "c", tuple(U8, U8, U8)), 6, 2);
    assertLayout(option(option(U8)), 3, 1);
  }

  @Test
  void discriminantsGrowWithTheNumberOfCases() {
    assertEquals(U8, Layout.discriminantType(2));
    assertEquals(U16, Layout.discriminantType(300));
    assertEquals(U32, Layout.discriminantType(70000));
    assertEquals(1, Layout.discriminantSize(1));
    assertEquals(1, Layout.discriminantSize(256));
    assertEquals(2, Layout.discriminantSize(257));
    assertEquals(2, Layout.discriminantSize(65536));
    assertEquals(4, Layout.discriminantSize(65537));
    assertLayout(enumOf(names(256)), 1, 1);
    assertLayout(enumOf(names(257)), 2, 2);
    assertLayout(enumOf(names(65537)), 4, 4);
  }

  @Test
  void flagsTakeTheSmallestWordThenWholeU32s() {
    assertLayout(flags(0), 0, 1);
    assertLayout(flags(1), 1, 1);
    assertLayout(flags(8), 1, 1);
    assertLayout(flags(9), 2, 2);
    assertLayout(flags(16), 2, 2);
    assertLayout(flags(17), 4, 4);
    assertLayout(flags(32), 4, 4);
    assertLayout(flags(33), 8, 4);
    assertLayout(flags(65), 12, 4);
    assertLayout(record("a", U8, "f", flags(0)), 1, 1);
  }

  @Test
  void alignToRoundsUp() {
    assertEquals(0, Layout.alignTo(0, 4));
    assertEquals(4, Layout.alignTo(1, 4));
    assertEquals(8, Layout.alignTo(8, 8));
    assertEquals(0x1_0000_0000L, Layout.alignTo(0xffff_fffdL, 4));
  }

  @Test
  void deeplyNestedTypesAreMeasuredInOnePass() {
    ValType t = U8;
    for (int i = 0; i < 2000; i++) {
      t = i % 2 == 0 ? option(t) : tuple(t, U8);
    }
    assertEquals(2001, Layout.elemSize(t));
    assertEquals(1, Layout.alignment(t));
  }

  @Test
  void typesNestedFarDeeperThanTheThreadsStackAreMeasuredToo() {
    ValType t = U8;
    for (int i = 0; i < 200_000; i++) {
      t = i % 2 == 0 ? option(t) : tuple(t, U8);
    }
    assertEquals(200_001, Layout.elemSize(t));
    assertEquals(200_001, Flattening.flatCount(t)); // a discriminant or a u8 per level
  }

  private static String[] names(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add("c" + i);
    }
    return out.toArray(new String[0]);
  }
}
