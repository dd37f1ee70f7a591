package dev.wasihttp.component.internal.abi;

import static dev.wasihttp.component.internal.abi.Fixtures.enumOf;
import static dev.wasihttp.component.internal.abi.Fixtures.flags;
import static dev.wasihttp.component.internal.abi.Fixtures.flagsOf;
import static dev.wasihttp.component.internal.abi.Fixtures.list;
import static dev.wasihttp.component.internal.abi.Fixtures.listOf;
import static dev.wasihttp.component.internal.abi.Fixtures.option;
import static dev.wasihttp.component.internal.abi.Fixtures.record;
import static dev.wasihttp.component.internal.abi.Fixtures.recordOf;
import static dev.wasihttp.component.internal.abi.Fixtures.result;
import static dev.wasihttp.component.internal.abi.Fixtures.str;
import static dev.wasihttp.component.internal.abi.Fixtures.tuple;
import static dev.wasihttp.component.internal.abi.Fixtures.u32;
import static dev.wasihttp.component.internal.abi.Fixtures.u8;
import static dev.wasihttp.component.internal.abi.Fixtures.variant;
import static dev.wasihttp.component.types.PrimitiveType.BOOL;
import static dev.wasihttp.component.types.PrimitiveType.CHAR;
import static dev.wasihttp.component.types.PrimitiveType.F32;
import static dev.wasihttp.component.types.PrimitiveType.F64;
import static dev.wasihttp.component.types.PrimitiveType.S16;
import static dev.wasihttp.component.types.PrimitiveType.S32;
import static dev.wasihttp.component.types.PrimitiveType.S64;
import static dev.wasihttp.component.types.PrimitiveType.S8;
import static dev.wasihttp.component.types.PrimitiveType.STRING;
import static dev.wasihttp.component.types.PrimitiveType.U16;
import static dev.wasihttp.component.types.PrimitiveType.U32;
import static dev.wasihttp.component.types.PrimitiveType.U64;
import static dev.wasihttp.component.types.PrimitiveType.U8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.component.errors.Trap;
import dev.wasihttp.component.types.OwnType;
import dev.wasihttp.component.types.ResourceType;
import dev.wasihttp.component.types.ValType;
import dev.wasihttp.component.values.Val;
import org.junit.jupiter.api.Test;

/**
 * Flat lifting and lowering (CanonicalABI.md, "Flat Lifting" and "Flat Lowering"), with the
 * behaviours of the reference tests values/numerics.wast and values/variants.wast.
 */
class FlatTest {
  private final ByteArrayGuestMemory mem = ByteArrayGuestMemory.page();
  private final LiftLowerContext cx =
      new LiftLowerContext(mem.options(StringEncoding.UTF8), new TestHandles());

  private Val lift(ValType t, long... core) {
    CoreValues.Cursor vi = new CoreValues.Cursor(core, 0);
    Val v = LiftFlat.liftFlat(cx, vi, t);
    assertEquals(core.length, vi.position(), "values consumed lifting " + t.wit());
    return v;
  }

  private long[] lower(ValType t, Val v) {
    CoreValues.Buffer out = new CoreValues.Buffer();
    LowerFlat.lowerFlat(cx, v, t, out);
    assertEquals(Flattening.flatCount(t), out.size(), "values produced lowering " + t.wit());
    return out.toArray();
  }

  private void assertRoundTrip(ValType t, Val v) {
    assertEquals(v, lift(t, lower(t, v)), t.wit());
  }

  private Trap liftTrap(ValType t, long... core) {
    return assertThrows(Trap.class, () -> lift(t, core));
  }

  @Test
  void smallIntegersAreTruncatedAndSignExtendedFromTheI32() {
    assertEquals(u8(0), lift(U8, 0xff00));
    assertEquals(u8(1), lift(U8, 0xf01));
    assertEquals(new Val.S8((byte) -1), lift(S8, 0xff));
    assertEquals(new Val.S8((byte) -1), lift(S8, 0xffff));
    assertEquals(new Val.U16(0), lift(U16, 0xff0000));
    assertEquals(new Val.U16(0xffff), lift(U16, 0xffff_ffffL));
    assertEquals(new Val.S16((short) -1), lift(S16, 0xffffff));
    assertEquals(u32(0xffff_ffffL), lift(U32, -1));
    assertEquals(new Val.S32(-1), lift(S32, 0xffff_ffffL));
  }

  @Test
  void signedSmallIntegersAreLoweredSignExtendedToI32() {
    assertArrayEquals(new long[] {0xffff_ffffL}, lower(S8, new Val.S8((byte) -1)));
    assertArrayEquals(new long[] {0xffff_ffffL}, lower(S16, new Val.S16((short) -1)));
    assertArrayEquals(new long[] {0xffff_ffffL}, lower(S32, new Val.S32(-1)));
    assertArrayEquals(new long[] {-1L}, lower(S64, new Val.S64(-1)));
    assertArrayEquals(new long[] {0xff}, lower(U8, u8(255)));
  }

  @Test
  void anyNonZeroI32IsTrueAndTrueIsOne() {
    assertEquals(new Val.Bool(true), lift(BOOL, 2));
    assertEquals(new Val.Bool(true), lift(BOOL, 0xffff_ffffL));
    assertEquals(new Val.Bool(false), lift(BOOL, 0));
    assertEquals(new Val.Bool(false), lift(BOOL, 1L << 32)); // only the i32's bits count
    assertArrayEquals(new long[] {1}, lower(BOOL, new Val.Bool(true)));
  }

  @Test
  void charsMustBeUnicodeScalarValues() {
    for (long c : new long[] {0, 0xd7ff, 0xe000, 0x10ffff}) {
      assertRoundTrip(CHAR, new Val.Char((int) c));
    }
    for (long bad : new long[] {0xd800, 0xdfff, 0x110000, 0xffff_ffffL}) {
      assertTrue(liftTrap(CHAR, bad).reason().contains("invalid `char` bit pattern"));
    }
  }

  @Test
  void floatsKeepTheirBitsExceptNaNsWhichAreCanonical() {
    assertArrayEquals(new long[] {0x4049_0fdbL}, lower(F32, new Val.F32((float) Math.PI)));
    Val.F32 nan = (Val.F32) lift(F32, 0x7f80_0001L);
    assertEquals(0x7fc0_0000, Float.floatToRawIntBits(nan.value()));
    assertArrayEquals(
        new long[] {0x7ff8_0000_0000_0000L},
        lower(F64, new Val.F64(Double.longBitsToDouble(0x7ff0_0000_0000_0001L))));
    assertRoundTrip(F64, new Val.F64(-0.0));
  }

  @Test
  void flagBitsAboveTheLastFlagAreDropped() {
    var f9 = flags(9);
    assertEquals(flagsOf("f0", "f4", "f8"), lift(f9, 0xffff_ff11L));
    assertArrayEquals(new long[] {0x111}, lower(f9, lift(f9, 0xffff_ff11L)));
    assertEquals(32, ((Val.Flags) lift(flags(32), 0xffff_ffffL)).names().size());
    assertArrayEquals(new long[] {1, 1}, lower(flags(33), flagsOf("f0", "f32")));
    assertArrayEquals(new long[] {}, lower(flags(0), flagsOf()));
  }

  @Test
  void variantPayloadsShareJoinedSlots() {
    var narrow = variant("a", U8, "b", U32);
    assertArrayEquals(new long[] {0, 2}, lower(narrow, new Val.Variant("a", u8(2))));
    assertArrayEquals(
        new long[] {1, 0xdead_beefL}, lower(narrow, new Val.Variant("b", u32(0xdead_beefL))));
    var wide = variant("a", U16, "b", U64);
    assertArrayEquals(new long[] {0, 4}, lower(wide, new Val.Variant("a", new Val.U16(4))));
    assertArrayEquals(
        new long[] {1, 0x1234_5678_9abc_def0L},
        lower(wide, new Val.Variant("b", new Val.U64(0x1234_5678_9abc_def0L))));
    var mix = variant("f", F32, "l", U64);
    assertArrayEquals(
        new long[] {0, 0x4049_0fdbL}, lower(mix, new Val.Variant("f", new Val.F32(3.1415927f))));
  }

  @Test
  void liftingFromAJoinedSlotKeepsOnlyTheCaseTypesBits() {
    var mix = variant("f", F32, "l", U64);
    // f32 bits travel in the low half of the i64 slot; the high bits are dropped.
    assertEquals(
        new Val.Variant("f", new Val.F32(3.1415927f)), lift(mix, 0, 0xffff_ffff_4049_0fdbL));
    assertEquals(
        new Val.Variant("a", u8(0xff)),
        lift(variant("a", U8, "b", U64), 0, 0xffff_0000_0000_01ffL));
    assertEquals(
        new Val.Variant("a", new Val.F64(1.5)),
        lift(variant("a", F64, "b", U8), 0, Double.doubleToRawLongBits(1.5)));
  }

  @Test
  void unusedSlotsAreZeroWhenLoweredAndSkippedWhenLifted() {
    var v = variant("a", tuple(U32, U32, U32), "b", U8);
    assertArrayEquals(new long[] {1, 1, 0, 0}, lower(v, new Val.Variant("b", u8(1))));
    var r = record("v", variant("a", tuple(U32, U32), "b", null), "c", U32);
    assertEquals(recordOf("v", new Val.Variant("b", null), "c", u32(7)), lift(r, 1, 123, 456, 7));
  }

  @Test
  void discriminantsBeyondTheLastCaseTrap() {
    assertTrue(liftTrap(enumOf("a", "b"), 2).reason().contains("invalid variant discriminant"));
    assertTrue(liftTrap(variant("x", U32), 1, 0).reason().contains("invalid variant discriminant"));
    assertTrue(liftTrap(option(U8), 0xffff_ffffL, 0).reason().contains("invalid variant"));
    assertTrue(liftTrap(result(null, null), 2).reason().contains("invalid variant"));
  }

  @Test
  void stringsAndListsArePointerAndLength() {
    long[] s = lower(STRING, str("héllo"));
    assertArrayEquals(new long[] {1024, 6}, s);
    assertEquals(str("héllo"), lift(STRING, s));
    assertRoundTrip(list(U32), listOf(u32(1), u32(2)));
    assertRoundTrip(list(STRING), listOf(str("a"), str(""), str("🍰")));
  }

  @Test
  void everyFamilyRoundTrips() {
    ResourceType res = ResourceType.host("res");
    assertRoundTrip(new OwnType(res), new Val.Own(res, 3));
    assertRoundTrip(option(option(U8)), Val.Option.some(Val.Option.none()));
    assertRoundTrip(result(STRING, list(U8)), Val.Result.err(listOf(u8(1))));
    assertRoundTrip(result(null, null), Val.Result.ok(null));
    assertRoundTrip(
        tuple(F32, U64, CHAR),
        Fixtures.tupleOf(new Val.F32(1.5f), new Val.U64(-1), new Val.Char('x')));
    assertRoundTrip(enumOf("x", "y"), new Val.EnumValue("y"));
  }
}
