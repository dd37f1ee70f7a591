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
import static dev.wasihttp.component.internal.abi.Fixtures.tupleOf;
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
import dev.wasihttp.component.types.BorrowType;
import dev.wasihttp.component.types.OwnType;
import dev.wasihttp.component.types.ResourceType;
import dev.wasihttp.component.types.ValType;
import dev.wasihttp.component.values.Val;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Loading and storing every type family (CanonicalABI.md, "Loading" and "Storing"). */
class LoadStoreTest {
  private final ByteArrayGuestMemory mem = ByteArrayGuestMemory.page();
  private final TestHandles handles = new TestHandles();
  private final LiftLowerContext cx =
      new LiftLowerContext(mem.options(StringEncoding.UTF8), handles);

  /** Stores {@code v} at an aligned address, loads it back and checks it is unchanged. */
  private void assertRoundTrip(ValType t, Val v) {
    long ptr = Layout.alignTo(64, Layout.alignment(t));
    Storing.store(cx, v, t, ptr);
    assertEquals(v, Loading.load(cx, ptr, t), t.wit());
  }

  private Trap storeTrap(ValType t, Val v) {
    return assertThrows(Trap.class, () -> Storing.store(cx, v, t, 64));
  }

  private Trap loadTrap(ValType t, long ptr) {
    return assertThrows(Trap.class, () -> Loading.load(cx, ptr, t));
  }

  private static void assertReason(Trap t, String expected) {
    assertTrue(t.reason().contains(expected), "\"" + t.reason() + "\" lacks \"" + expected + "\"");
  }

  @Test
  void scalarsRoundTripAtTheirExtremes() {
    assertRoundTrip(BOOL, new Val.Bool(true));
    assertRoundTrip(BOOL, new Val.Bool(false));
    assertRoundTrip(S8, new Val.S8(Byte.MIN_VALUE));
    assertRoundTrip(U8, u8(255));
    assertRoundTrip(S16, new Val.S16(Short.MIN_VALUE));
    assertRoundTrip(U16, new Val.U16(0xffff));
    assertRoundTrip(S32, new Val.S32(Integer.MIN_VALUE));
    assertRoundTrip(U32, u32(0xffff_ffffL));
    assertRoundTrip(S64, new Val.S64(Long.MIN_VALUE));
    assertRoundTrip(U64, new Val.U64(-1));
    assertRoundTrip(F32, new Val.F32(-0.0f));
    assertRoundTrip(F32, new Val.F32(Float.NEGATIVE_INFINITY));
    assertRoundTrip(F64, new Val.F64(Math.PI));
    for (int c : new int[] {0, 0xd7ff, 0xe000, 0x10ffff, "🍰".codePointAt(0)}) {
      assertRoundTrip(CHAR, new Val.Char(c));
    }
  }

  @Test
  void anyNonZeroByteIsTrue() {
    mem.poke(8, 2, 0xff, 0);
    assertEquals(new Val.Bool(true), Loading.load(cx, 8, BOOL));
    assertEquals(new Val.Bool(true), Loading.load(cx, 9, BOOL));
    assertEquals(new Val.Bool(false), Loading.load(cx, 10, BOOL));
  }

  @Test
  void surrogatesAndValuesAboveTheLastCodePointAreNotChars() {
    for (long bits : new long[] {0xd800, 0xdfff, 0x110000, 0xffff_ffffL}) {
      mem.writeInt(8, (int) bits);
      assertReason(loadTrap(CHAR, 8), "invalid `char` bit pattern");
    }
  }

  @Test
  void nansAreCanonicalInBothDirections() {
    mem.writeInt(8, 0x7fa0_0001);
    Val.F32 f = (Val.F32) Loading.load(cx, 8, F32);
    assertEquals(Scalars.CANONICAL_FLOAT32_NAN, Float.floatToRawIntBits(f.value()));
    mem.writeLong(16, 0xfff0_0000_0000_0001L);
    Val.F64 d = (Val.F64) Loading.load(cx, 16, F64);
    assertEquals(Scalars.CANONICAL_FLOAT64_NAN, Double.doubleToRawLongBits(d.value()));
    Storing.store(cx, new Val.F32(Float.intBitsToFloat(0xffc0_0001)), F32, 24);
    assertEquals(0x7fc0_0000, mem.readInt(24));
    Storing.store(cx, new Val.F64(Double.longBitsToDouble(0xfff8_0000_0000_0001L)), F64, 32);
    assertEquals(0x7ff8_0000_0000_0000L, mem.readLong(32));
  }

  @Test
  void recordFieldsLandAtTheirOffsets() {
    var t = record("a", U8, "b", U32, "c", U16);
    Storing.store(
        cx, recordOf("a", u8(1), "b", u32(0x0504_0302L), "c", new Val.U16(0x0706)), t, 16);
    assertArrayEquals(
        new byte[] {1, 0, 0, 0, 2, 3, 4, 5, 6, 7, 0, 0}, mem.bytes(16, Layout.elemSize(t)));
    assertRoundTrip(t, recordOf("a", u8(9), "b", u32(8), "c", new Val.U16(7)));
    assertRoundTrip(tuple(U8, U64, STRING), tupleOf(u8(1), new Val.U64(2), str("three")));
  }

  @Test
  void recordFieldsAreMatchedByName() {
    var t = record("a", U8, "b", U32);
    Storing.store(cx, recordOf("b", u32(2), "a", u8(1)), t, 16);
    assertEquals(recordOf("a", u8(1), "b", u32(2)), Loading.load(cx, 16, t));
  }

  @Test
  void nestedVariantsOptionsAndResultsRoundTrip() {
    var t = option(result(U8, STRING));
    assertRoundTrip(t, Val.Option.none());
    assertRoundTrip(t, Val.Option.some(Val.Result.ok(u8(7))));
    assertRoundTrip(t, Val.Option.some(Val.Result.err(str("no"))));
    var v = variant("a", null, "b", U64, "c", option(option(CHAR)));
    assertRoundTrip(v, new Val.Variant("a", null));
    assertRoundTrip(v, new Val.Variant("b", new Val.U64(1L << 40)));
    assertRoundTrip(v, new Val.Variant("c", Val.Option.some(Val.Option.none())));
    assertRoundTrip(result(null, null), Val.Result.err(null));
    assertRoundTrip(enumOf("red", "green", "blue"), new Val.EnumValue("blue"));
  }

  @Test
  void variantsOfManyCasesUseAWiderDiscriminant() {
    List<Object> cases = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      cases.add("c" + i);
      cases.add(i == 299 ? U8 : null);
    }
    var t = variant(cases.toArray());
    Storing.store(cx, new Val.Variant("c299", u8(5)), t, 16);
    assertEquals(299, mem.readShort(16));
    assertEquals(5, mem.readByte(18));
    assertEquals(new Val.Variant("c299", u8(5)), Loading.load(cx, 16, t));
  }

  @Test
  void discriminantsBeyondTheLastCaseTrap() {
    mem.poke(8, 2);
    assertReason(loadTrap(enumOf("a", "b"), 8), "invalid variant discriminant");
    assertReason(loadTrap(option(U8), 8), "invalid variant discriminant");
    assertReason(loadTrap(result(U8, null), 8), "invalid variant discriminant");
    mem.poke(8, 1);
    assertReason(loadTrap(variant("x", U32), 8), "invalid variant discriminant");
  }

  @Test
  void flagsRoundTripAtEverySize() {
    for (int n : new int[] {0, 1, 8, 9, 16, 17, 32, 33, 64, 65}) {
      var t = flags(n);
      assertRoundTrip(t, flagsOf());
      List<String> every = new ArrayList<>();
      List<String> odd = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        every.add("f" + i);
        if (i % 2 == 1) {
          odd.add("f" + i);
        }
      }
      assertRoundTrip(t, new Val.Flags(every));
      assertRoundTrip(t, new Val.Flags(odd));
    }
  }

  @Test
  void flagBitsAboveTheLastFlagAreIgnored() {
    mem.poke(8, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff);
    assertEquals(flagsOf("f0"), Loading.load(cx, 8, flags(1)));
    assertEquals(9, ((Val.Flags) Loading.load(cx, 8, flags(9))).names().size());
    assertEquals(33, ((Val.Flags) Loading.load(cx, 8, flags(33))).names().size());
    Storing.store(cx, flagsOf("f0", "f32"), flags(33), 16);
    assertArrayEquals(new byte[] {1, 0, 0, 0, 1, 0, 0, 0}, mem.bytes(16, 8));
  }

  @Test
  void listsOfRecordsStringsAndListsRoundTrip() {
    var point = record("x", S16, "name", STRING);
    assertRoundTrip(
        list(point),
        listOf(
            recordOf("x", new Val.S16((short) -1), "name", str("a")),
            recordOf("x", new Val.S16((short) 2), "name", str("bé"))));
    assertRoundTrip(list(list(U16)), listOf(listOf(), listOf(new Val.U16(3), new Val.U16(4))));
    assertRoundTrip(list(U8), listOf(u8(0), u8(128), u8(255)));
    assertRoundTrip(list(flags(0)), listOf(flagsOf(), flagsOf(), flagsOf()));
  }

  @Test
  void emptyListsStillCallReallocWithTheElementAlignment() {
    Storing.store(cx, listOf(), list(U8), 8);
    Storing.store(cx, listOf(), list(U64), 8);
    assertEquals(List.of(List.of(0L, 0L, 1L, 0L), List.of(0L, 0L, 8L, 0L)), mem.callArgs());
  }

  @Test
  void listPointersAreCheckedForAlignmentAndBoundsBeforeAnythingIsBuilt() {
    mem.writeInt(8, 2);
    mem.writeInt(12, 1);
    assertReason(loadTrap(list(U32), 8), "unaligned pointer");
    mem.writeInt(8, 65532);
    mem.writeInt(12, 2);
    assertReason(loadTrap(list(U32), 8), "list content out-of-bounds");
    mem.writeInt(8, 0);
    mem.writeInt(12, -1);
    assertReason(loadTrap(list(U64), 8), "list pointer/length out of bounds of memory");
    assertReason(loadTrap(list(record("f", flags(0))), 8), "list too long");
    mem.writeInt(12, 3);
    assertEquals(3, ((Val.ListValue) Loading.load(cx, 8, list(flags(0)))).elements().size());
  }

  @Test
  void reallocResultsForListsAreChecked() {
    var misaligned =
        new LiftLowerContext(
            new CanonicalOptions(mem, args -> new long[] {2}, null, StringEncoding.UTF8), null);
    Trap t =
        assertThrows(Trap.class, () -> Storing.store(misaligned, listOf(u32(1)), list(U32), 8));
    assertReason(t, "unaligned pointer");
    assertReason(t, "realloc return: result not aligned");
    var beyond =
        new LiftLowerContext(
            new CanonicalOptions(mem, args -> new long[] {-4}, null, StringEncoding.UTF8), null);
    for (Val v : new Val[] {listOf(), listOf(u32(1), u32(2))}) {
      t = assertThrows(Trap.class, () -> Storing.store(beyond, v, list(U32), 8));
      assertReason(t, "realloc return: beyond end of memory");
      assertReason(t, "list content out-of-bounds");
    }
  }

  @Test
  void valuesOfTheWrongShapeTrapNamingTypeAndValue() {
    assertReason(storeTrap(U32, new Val.S32(1)), "type mismatch: expected u32, got S32[value=1]");
    assertReason(storeTrap(U8, null), "expected u8, got null");
    assertReason(storeTrap(record("a", U8, "b", U8), recordOf("a", u8(1))), "expected record");
    assertReason(storeTrap(record("a", U8), recordOf("b", u8(1))), "expected record");
    assertReason(storeTrap(tuple(U8, U8), tupleOf(u8(1))), "expected tuple<u8, u8>");
    assertReason(storeTrap(variant("a", U8), new Val.Variant("b", u8(1))), "expected variant");
    assertReason(storeTrap(variant("a", U8), new Val.Variant("a", null)), "expected variant");
    assertReason(storeTrap(variant("a", null), new Val.Variant("a", u8(1))), "expected variant");
    assertReason(storeTrap(option(U8), u8(1)), "expected option<u8>, got U8");
    assertReason(storeTrap(result(null, U8), Val.Result.ok(u8(1))), "expected result<_, u8>");
    assertReason(storeTrap(enumOf("a"), new Val.EnumValue("z")), "expected enum { a }");
    assertReason(storeTrap(flags(2), flagsOf("f0", "f9")), "expected flags");
    assertReason(storeTrap(list(U8), listOf(u8(1), u32(2))), "expected u8, got U32");
    assertReason(storeTrap(STRING, u8(1)), "expected string");
    assertReason(storeTrap(CHAR, u32('a')), "expected char");
  }

  @Test
  void largeValuesOfTheWrongShapeAreSummarized() {
    List<Val> bytes = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      bytes.add(u8(i & 0xff));
    }
    Trap t = storeTrap(STRING, new Val.ListValue(bytes));
    assertEquals("type mismatch: expected string, got List of 100000 elements", t.reason());
    t = storeTrap(U8, str("x".repeat(10_000)));
    assertTrue(t.reason().length() < 300, t.reason());
    assertReason(t, "(10000 chars)");
  }

  @Test
  void handlesGoThroughTheHandleContext() {
    ResourceType r = ResourceType.host("r");
    var own = new OwnType(r);
    assertRoundTrip(own, new Val.Own(r, 42));
    assertRoundTrip(new BorrowType(r), new Val.Borrow(r, 7));
    Storing.store(cx, new Val.Own(r, 9), new BorrowType(r), 8);
    assertEquals(new Val.Borrow(r, 9), Loading.load(cx, 8, new BorrowType(r)));
    assertReason(storeTrap(own, new Val.Borrow(r, 1)), "expected r, got Borrow");
    mem.writeInt(8, 99);
    assertReason(loadTrap(own, 8), "unknown handle index 99");
    var noTable = new LiftLowerContext(mem.options(StringEncoding.UTF8), null);
    assertThrows(Trap.class, () -> Loading.load(noTable, 8, own));
  }
}
