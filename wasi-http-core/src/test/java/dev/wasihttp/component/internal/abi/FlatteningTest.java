package dev.wasihttp.component.internal.abi;

import static dev.wasihttp.component.internal.abi.Fixtures.enumOf;
import static dev.wasihttp.component.internal.abi.Fixtures.flags;
import static dev.wasihttp.component.internal.abi.Fixtures.func;
import static dev.wasihttp.component.internal.abi.Fixtures.list;
import static dev.wasihttp.component.internal.abi.Fixtures.option;
import static dev.wasihttp.component.internal.abi.Fixtures.record;
import static dev.wasihttp.component.internal.abi.Fixtures.repeat;
import static dev.wasihttp.component.internal.abi.Fixtures.result;
import static dev.wasihttp.component.internal.abi.Fixtures.tuple;
import static dev.wasihttp.component.internal.abi.Fixtures.variant;
import static dev.wasihttp.component.internal.abi.FlatType.F32;
import static dev.wasihttp.component.internal.abi.FlatType.F64;
import static dev.wasihttp.component.internal.abi.FlatType.I32;
import static dev.wasihttp.component.internal.abi.FlatType.I64;
import static dev.wasihttp.component.types.PrimitiveType.STRING;
import static dev.wasihttp.component.types.PrimitiveType.U16;
import static dev.wasihttp.component.types.PrimitiveType.U32;
import static dev.wasihttp.component.types.PrimitiveType.U64;
import static dev.wasihttp.component.types.PrimitiveType.U8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasihttp.component.types.PrimitiveType;
import dev.wasihttp.component.types.ValType;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlatteningTest {
  private static void assertFlat(ValType t, FlatType... expected) {
    assertEquals(List.of(expected), Flattening.flatten(t), "flatten " + t.wit());
    assertEquals(expected.length, Flattening.flatCount(t), "flat count of " + t.wit());
  }

  @Test
  void scalarsFlattenToOneCoreValue() {
    assertFlat(PrimitiveType.BOOL, I32);
    assertFlat(U8, I32);
    assertFlat(PrimitiveType.CHAR, I32);
    assertFlat(U64, I64);
    assertFlat(PrimitiveType.S64, I64);
    assertFlat(PrimitiveType.F32, F32);
    assertFlat(PrimitiveType.F64, F64);
  }

  @Test
  void recordsConcatenateTheirFields() {
    assertFlat(STRING, I32, I32);
    assertFlat(list(U64), I32, I32);
    assertFlat(record("a", U8, "b", STRING, "c", PrimitiveType.F64), I32, I32, I32, F64);
    assertFlat(tuple());
  }

  @Test
  void variantsJoinTheirCasesSlotBySlot() {
    assertFlat(enumOf("a", "b"), I32);
    assertFlat(option(U8), I32, I32);
    assertFlat(variant("a", U8, "b", U32), I32, I32);
    assertFlat(variant("a", U16, "b", U64), I32, I64);
    assertFlat(variant("f", PrimitiveType.F32, "l", U64), I32, I64);
    assertFlat(variant("a", PrimitiveType.F32, "b", U32), I32, I32);
    assertFlat(variant("a", PrimitiveType.F32, "b", PrimitiveType.F32), I32, F32);
    assertFlat(variant("a", PrimitiveType.F64, "b", PrimitiveType.F32), I32, I64);
    assertFlat(
        result(tuple(PrimitiveType.F32, U64), tuple(U32, PrimitiveType.F64, U8)),
        I32,
        I32,
        I64,
        I32);
    assertFlat(result(null, null), I32);
  }

  @Test
  void joinKeepsEqualTypesSharesI32AndF32AndOtherwiseWidens() {
    assertEquals(I32, FlatType.join(I32, I32));
    assertEquals(F32, FlatType.join(F32, F32));
    assertEquals(I32, FlatType.join(I32, F32));
    assertEquals(I32, FlatType.join(F32, I32));
    assertEquals(I64, FlatType.join(I32, I64));
    assertEquals(I64, FlatType.join(F32, F64));
    assertEquals(I64, FlatType.join(F64, I32));
    assertEquals(F64, FlatType.join(F64, F64));
  }

  @Test
  void flagsTakeOneI32Per32Flags() {
    assertFlat(flags(0));
    assertFlat(flags(1), I32);
    assertFlat(flags(32), I32);
    assertFlat(flags(33), I32, I32);
  }

  @Test
  void sixteenFlatParamsPassDirectlyAndSeventeenThroughAPointer() {
    var direct = func(repeat(STRING, 8), null);
    assertEquals(repeat16(), Flattening.flatSignature(direct, true).params());
    var spilled = func(repeat(U32, 17), null);
    for (boolean lift : new boolean[] {true, false}) {
      var sig = Flattening.flatSignature(spilled, lift);
      assertEquals(List.of(I32), sig.params());
      assertEquals(List.of(), sig.results());
    }
  }

  @Test
  void aResultOfSeveralFlatValuesIsReturnedByPointerOrWrittenThroughOne() {
    var f = func(List.of(U32, U64), STRING);
    assertEquals(
        new Flattening.Signature(List.of(I32, I64), List.of(I32)),
        Flattening.flatSignature(f, true));
    assertEquals(
        new Flattening.Signature(List.of(I32, I64, I32), List.of()),
        Flattening.flatSignature(f, false));
    var g = func(List.of(), U64);
    assertEquals(
        new Flattening.Signature(List.of(), List.of(I64)), Flattening.flatSignature(g, false));
    var both = func(repeat(U8, 20), option(U8));
    assertEquals(List.of(I32, I32), Flattening.flatSignature(both, false).params());
    assertEquals(List.of(I32), Flattening.flatSignature(both, true).results());
  }

  private static List<FlatType> repeat16() {
    FlatType[] out = new FlatType[16];
    Arrays.fill(out, I32);
    return List.of(out);
  }
}
