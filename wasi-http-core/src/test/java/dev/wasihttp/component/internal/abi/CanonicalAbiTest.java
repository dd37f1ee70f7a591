package dev.wasihttp.component.internal.abi;

import static dev.wasihttp.component.internal.abi.Fixtures.func;
import static dev.wasihttp.component.internal.abi.Fixtures.list;
import static dev.wasihttp.component.internal.abi.Fixtures.listOf;
import static dev.wasihttp.component.internal.abi.Fixtures.option;
import static dev.wasihttp.component.internal.abi.Fixtures.record;
import static dev.wasihttp.component.internal.abi.Fixtures.recordOf;
import static dev.wasihttp.component.internal.abi.Fixtures.repeat;
import static dev.wasihttp.component.internal.abi.Fixtures.result;
import static dev.wasihttp.component.internal.abi.Fixtures.str;
import static dev.wasihttp.component.internal.abi.Fixtures.tuple;
import static dev.wasihttp.component.internal.abi.Fixtures.tupleOf;
import static dev.wasihttp.component.internal.abi.Fixtures.u32;
import static dev.wasihttp.component.internal.abi.Fixtures.u8;
import static dev.wasihttp.component.types.PrimitiveType.F64;
import static dev.wasihttp.component.types.PrimitiveType.STRING;
import static dev.wasihttp.component.types.PrimitiveType.U32;
import static dev.wasihttp.component.types.PrimitiveType.U8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.component.errors.Trap;
import dev.wasihttp.component.types.FuncType;
import dev.wasihttp.component.types.ValType;
import dev.wasihttp.component.values.Val;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The call-level operations as the linker uses them: {@code canon lift} lowers arguments and lifts
 * the result, {@code canon lower} lifts arguments and lowers the result (CanonicalABI.md, "Lifting
 * and Lowering Values"; values/alignment.wast, values/realloc.wast, values/strings.wast).
 */
class CanonicalAbiTest {
  private final ByteArrayGuestMemory mem = ByteArrayGuestMemory.page();
  private final LiftLowerContext cx = mem.context(StringEncoding.UTF8);

  private static void assertReason(Trap t, String expected) {
    assertTrue(t.reason().contains(expected), "\"" + t.reason() + "\" lacks \"" + expected + "\"");
  }

  private LiftLowerContext reallocReturning(long ptr) {
    return new LiftLowerContext(
        new CanonicalOptions(mem, args -> new long[] {ptr}, null, StringEncoding.UTF8), null);
  }

  private static List<Val> u32s(int count) {
    List<Val> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(u32(100 + i));
    }
    return out;
  }

  // ---- canon lift: lowerParams and liftResult ----

  @Test
  void upToSixteenFlatParametersArePassedDirectly() {
    FuncType f = func(List.of(U8, STRING, F64), null);
    long[] core = CanonicalAbi.lowerParams(cx, f, List.of(u8(7), str("hi"), new Val.F64(1.0)));
    assertArrayEquals(new long[] {7, 1024, 2, Double.doubleToRawLongBits(1.0)}, core);
    assertArrayEquals("hi".getBytes(StandardCharsets.UTF_8), mem.bytes(1024, 2));
  }

  @Test
  void moreThanSixteenFlatParametersAreSpilledThroughTheCalleesRealloc() {
    FuncType f = func(repeat(U32, 17), null);
    long[] core = CanonicalAbi.lowerParams(cx, f, u32s(17));
    assertEquals(List.of(List.of(0L, 0L, 4L, 68L)), mem.callArgs());
    assertArrayEquals(new long[] {1024}, core);
    assertEquals(100, mem.readInt(1024));
    assertEquals(116, mem.readInt(1024 + 64));
    // The core callee (canon lower's view of the same memory) reads them back.
    assertEquals(u32s(17), CanonicalAbi.liftParams(cx, f, core));
  }

  @Test
  void aMissingSpilledArgumentTrapsNamingItsType() {
    FuncType f = func(repeat(U32, 17), null);
    List<Val> args = new ArrayList<>(u32s(17));
    args.set(3, null);
    assertReason(
        assertThrows(Trap.class, () -> CanonicalAbi.lowerParams(cx, f, args)),
        "expected u32, got null");
  }

  @Test
  void aMisalignedPointerForSpilledParametersTraps() {
    FuncType f = func(repeat(U32, 17), null);
    Trap t =
        assertThrows(Trap.class, () -> CanonicalAbi.lowerParams(reallocReturning(1), f, u32s(17)));
    assertReason(t, "unaligned pointer");
  }

  @Test
  void aResultOfOneFlatValueIsTheCoreResult() {
    FuncType f = func(List.of(), U8);
    assertEquals(u8(1), CanonicalAbi.liftResult(cx, f, new long[] {0xf01}));
    assertNull(CanonicalAbi.liftResult(cx, func(List.of(), null), new long[0]));
  }

  @Test
  void aLargerResultIsReadThroughTheReturnedPointer() {
    mem.writeInt(0, 8);
    mem.writeInt(4, 1);
    mem.poke(8, 'a');
    assertEquals(str("a"), CanonicalAbi.liftResult(cx, func(List.of(), STRING), new long[] {0}));
    FuncType pair = func(List.of(), tuple(U32, U32));
    assertEquals(tupleOf(u32(8), u32(1)), CanonicalAbi.liftResult(cx, pair, new long[] {0}));
  }

  @Test
  void aMisalignedOrOutOfBoundsReturnedPointerTraps() {
    FuncType pair = func(List.of(), tuple(U32, U32));
    assertReason(
        assertThrows(Trap.class, () -> CanonicalAbi.liftResult(cx, pair, new long[] {1})),
        "unaligned pointer");
    assertReason(
        assertThrows(Trap.class, () -> CanonicalAbi.liftResult(cx, pair, new long[] {65532})),
        "out of bounds");
    assertReason(
        assertThrows(Trap.class, () -> CanonicalAbi.liftResult(cx, pair, new long[] {-8})),
        "out of bounds");
  }

  @Test
  void aCalleeResultThatIsNotUtf8Traps() {
    mem.writeInt(0, 8);
    mem.writeInt(4, 1);
    mem.poke(8, 0xff);
    FuncType f = func(List.of(), STRING);
    assertReason(
        assertThrows(Trap.class, () -> CanonicalAbi.liftResult(cx, f, new long[] {0})),
        "invalid utf-8");
  }

  @Test
  void emptyListArgumentsStillCallRealloc() {
    FuncType f = func(List.of(list(U8)), U32);
    assertArrayEquals(new long[] {1024, 0}, CanonicalAbi.lowerParams(cx, f, List.of(listOf())));
    assertEquals(List.of(List.of(0L, 0L, 1L, 0L)), mem.callArgs());
  }

  @Test
  void reallocResultsForListArgumentsAreChecked() {
    FuncType f = func(List.of(list(U32)), null);
    assertReason(
        assertThrows(
            Trap.class,
            () -> CanonicalAbi.lowerParams(reallocReturning(-4), f, List.of(listOf(u32(1))))),
        "realloc return: beyond end of memory");
    assertReason(
        assertThrows(
            Trap.class, () -> CanonicalAbi.lowerParams(reallocReturning(-4), f, List.of(listOf()))),
        "realloc return: beyond end of memory");
    assertReason(
        assertThrows(
            Trap.class,
            () -> CanonicalAbi.lowerParams(reallocReturning(-1), f, List.of(listOf(u32(1))))),
        "realloc return: result not aligned");
  }

  @Test
  void argumentsOfTheWrongShapeOrCountTrap() {
    FuncType f = func(List.of(U32), null);
    assertReason(
        assertThrows(Trap.class, () -> CanonicalAbi.lowerParams(cx, f, List.of(str("x")))),
        "type mismatch: expected u32, got Str[value=x]");
    assertReason(
        assertThrows(Trap.class, () -> CanonicalAbi.lowerParams(cx, f, List.of())),
        "expected 1 arguments");
  }

  // ---- canon lower: liftParams and lowerResult ----

  @Test
  void callerArgumentsAreLiftedFromCoreValues() {
    mem.poke(100, 'h', 'i');
    FuncType f = func(List.of(U8, STRING), null);
    assertEquals(
        List.of(u8(0), str("hi")), CanonicalAbi.liftParams(cx, f, new long[] {0xff00, 100, 2}));
  }

  @Test
  void aMisalignedOrOutOfBoundsArgumentPointerTraps() {
    FuncType f = func(repeat(U32, 17), null);
    assertReason(
        assertThrows(Trap.class, () -> CanonicalAbi.liftParams(cx, f, new long[] {1})),
        "unaligned pointer");
    assertReason(
        assertThrows(Trap.class, () -> CanonicalAbi.liftParams(cx, f, new long[] {65536 - 64})),
        "out of bounds");
  }

  @Test
  void aStringArgumentOutOfTheCallersMemoryTraps() {
    FuncType f = func(List.of(STRING), null);
    for (long[] args : new long[][] {{0x8000_0000L, 1}, {65535, 2}}) {
      assertReason(
          assertThrows(Trap.class, () -> CanonicalAbi.liftParams(cx, f, args)),
          "string content out-of-bounds");
    }
    var utf16 = mem.context(StringEncoding.UTF16);
    assertReason(
        assertThrows(Trap.class, () -> CanonicalAbi.liftParams(utf16, f, new long[] {1, 0})),
        "unaligned pointer");
  }

  @Test
  void aResultOfOneFlatValueIsReturned() {
    FuncType f = func(List.of(), U32);
    assertArrayEquals(new long[] {42}, CanonicalAbi.lowerResult(cx, f, u32(42), new long[0]));
    FuncType none = func(List.of(U32), null);
    assertArrayEquals(new long[0], CanonicalAbi.lowerResult(cx, none, null, new long[] {1}));
  }

  @Test
  void aLargerResultIsWrittenThroughTheCallersReturnPointer() {
    FuncType f = func(List.of(U32), tuple(U32, U32));
    long[] out = CanonicalAbi.lowerResult(cx, f, tupleOf(u32(5), u32(6)), new long[] {9, 16});
    assertArrayEquals(new long[0], out);
    assertEquals(5, mem.readInt(16));
    assertEquals(6, mem.readInt(20));
  }

  @Test
  void spilledArgumentsAndAReturnPointerTogether() {
    FuncType f = func(repeat(U32, 17), STRING);
    for (int i = 0; i < 17; i++) {
      mem.writeInt(64 + 4 * i, i);
    }
    List<Val> args = CanonicalAbi.liftParams(cx, f, new long[] {64, 8});
    assertEquals(u32(16), args.get(16));
    CanonicalAbi.lowerResult(cx, f, str("ok"), new long[] {64, 8});
    assertEquals(str("ok"), Loading.load(cx, 8, STRING));
  }

  @Test
  void aMisalignedReturnPointerTraps() {
    FuncType f = func(List.of(), tuple(U32, U32));
    assertReason(
        assertThrows(
            Trap.class,
            () -> CanonicalAbi.lowerResult(cx, f, tupleOf(u32(1), u32(2)), new long[] {1})),
        "unaligned pointer");
  }

  @Test
  void aHostResultOfTheWrongShapeTrapsNamingTypeAndValue() {
    FuncType f = func(List.of(), result(record("a", U8), STRING));
    Val bad = Val.Result.ok(recordOf("b", u8(1)));
    Trap t = assertThrows(Trap.class, () -> CanonicalAbi.lowerResult(cx, f, bad, new long[] {0}));
    assertReason(t, "type mismatch: expected record { a: u8 }, got Record[fields=[Field[name=b");
    assertReason(
        assertThrows(
            Trap.class, () -> CanonicalAbi.lowerResult(cx, func(List.of(), U8), null, new long[0])),
        "expected u8, got null");
    assertReason(
        assertThrows(
            Trap.class,
            () -> CanonicalAbi.lowerResult(cx, func(List.of(), null), u8(1), new long[0])),
        "expected no result");
  }

  @Test
  void coreValueCountsThatDisagreeWithTheTypeAreALinkerBug() {
    FuncType f = func(List.of(U32), U32);
    assertThrows(IllegalArgumentException.class, () -> CanonicalAbi.liftParams(cx, f, new long[0]));
    assertThrows(
        IllegalArgumentException.class, () -> CanonicalAbi.liftResult(cx, f, new long[] {1, 2}));
  }

  @Test
  void aCallRoundTripsThroughOneMemory() {
    List<ValType> params =
        List.of(
            list(record("name", STRING, "tags", list(STRING))),
            option(F64),
            result(tuple(U8, U8), STRING),
            U32);
    FuncType f = func(params, list(STRING));
    List<Val> args =
        List.of(
            listOf(recordOf("name", str("ä"), "tags", listOf(str("x"), str("🍰")))),
            Val.Option.some(new Val.F64(2.5)),
            Val.Result.err(str("e")),
            u32(3));
    long[] core = CanonicalAbi.lowerParams(cx, f, args);
    assertEquals(Flattening.flatSignature(f, true).params().size(), core.length);
    assertEquals(args, CanonicalAbi.liftParams(cx, f, append(core, 8)));
    Val result = listOf(str("a"), str("b"));
    CanonicalAbi.lowerResult(cx, f, result, append(core, 8));
    assertEquals(result, CanonicalAbi.liftResult(cx, f, new long[] {8}));
  }

  private static long[] append(long[] values, long last) {
    long[] out = Arrays.copyOf(values, values.length + 1);
    out[values.length] = last;
    return out;
  }
}
