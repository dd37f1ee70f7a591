package dev.wasihttp.component.internal.abi;

import static dev.wasihttp.component.internal.abi.StringEncoding.LATIN1_UTF16;
import static dev.wasihttp.component.internal.abi.StringEncoding.UTF16;
import static dev.wasihttp.component.internal.abi.StringEncoding.UTF8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.component.errors.Trap;
import dev.wasihttp.component.values.Val;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Strings in every guest encoding: strict loading with the reference tests' trap reasons, and
 * storing with the spec's realloc sequences (values/strings.wast, values/transcode.wast).
 */
class StringsTest {
  private static final long TAG = Strings.UTF16_TAG;
  private final ByteArrayGuestMemory mem = ByteArrayGuestMemory.page();

  private String load(StringEncoding e, long ptr, long taggedCodeUnits) {
    return Strings.loadFromRange(mem.context(e), ptr, taggedCodeUnits).value();
  }

  private Trap loadTrap(StringEncoding e, long ptr, long taggedCodeUnits) {
    return assertThrows(Trap.class, () -> load(e, ptr, taggedCodeUnits));
  }

  private static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  private static List<Long> call(long old, long oldSize, long align, long newSize) {
    return List.of(old, oldSize, align, newSize);
  }

  // ---- loading ----

  @Test
  void loadsUtf8() {
    mem.poke(8, 0xe2, 0x98, 0x83, 0xe2, 0x98, 0xba, 0xef, 0xb8, 0x8f, 0xc3, 0xb6, 0xe3, 0x83, 0x84);
    assertEquals("☃☺️öツ", load(UTF8, 8, 14));
    assertEquals("", load(UTF8, 0, 0));
    assertEquals("", load(UTF8, 100, 0));
  }

  @Test
  void loadsAStringEndingAtTheEndOfMemory() {
    mem.poke(65534, 'o', 'k');
    assertEquals("ok", load(UTF8, 65534, 2));
    assertEquals("", load(UTF8, 65536, 0));
  }

  @Test
  void outOfBoundsStringsTrapWithBothWasmtimeWordings() {
    for (long[] range : new long[][] {{0xdeadbeefL, 0}, {65535, 2}, {0x8000_0000L, 1}}) {
      Trap t = loadTrap(UTF8, range[0], range[1]);
      assertTrue(t.reason().contains("string pointer/length out of bounds of memory"), t.reason());
      assertTrue(t.reason().contains("string content out-of-bounds"), t.reason());
    }
  }

  @Test
  void malformedUtf8TrapsWithRustsWords() {
    mem.poke(8, 0xff);
    assertTrue(loadTrap(UTF8, 8, 1).reason().contains("invalid utf-8"));
    mem.poke(8, 0xc3);
    Trap incomplete = loadTrap(UTF8, 8, 1);
    assertTrue(incomplete.reason().contains("incomplete utf-8 byte sequence"), incomplete.reason());
    mem.poke(8, 'a', 0xe2, 0x98, 'b');
    assertEquals("invalid utf-8 sequence of 2 bytes from index 1", loadTrap(UTF8, 8, 4).reason());
    mem.poke(8, 0xc0, 0x80); // overlong NUL
    assertEquals("invalid utf-8 sequence of 1 bytes from index 0", loadTrap(UTF8, 8, 2).reason());
    mem.poke(8, 0xed, 0xa0, 0x80); // an encoded surrogate
    assertEquals("invalid utf-8 sequence of 1 bytes from index 0", loadTrap(UTF8, 8, 3).reason());
    mem.poke(8, 0xf4, 0x90, 0x80, 0x80); // above U+10FFFF
    assertEquals("invalid utf-8 sequence of 1 bytes from index 0", loadTrap(UTF8, 8, 4).reason());
    mem.poke(8, 0xf0, 0x9f, 0x8d);
    assertTrue(
        loadTrap(UTF8, 8, 3).reason().contains("incomplete utf-8 byte sequence from index 0"));
  }

  @Test
  void loadsUtf16WithSurrogatePairs() {
    mem.poke(16, 0x68, 0x00, 0xf6, 0x00, 0x03, 0x26, 0x3c, 0xd8, 0x70, 0xdf);
    assertEquals("hö☃🍰", load(UTF16, 16, 5));
    assertEquals("hö☃🍰", load(LATIN1_UTF16, 16, 5 | TAG));
  }

  @Test
  void unpairedSurrogatesTrap() {
    mem.poke(16, 0x3c, 0xd8, 'a', 0);
    assertTrue(loadTrap(UTF16, 16, 2).reason().contains("unpaired surrogate found: d83c"));
    assertTrue(loadTrap(UTF16, 16, 1).reason().contains("unpaired surrogate"));
    mem.poke(16, 0x70, 0xdf);
    assertTrue(loadTrap(LATIN1_UTF16, 16, 1 | TAG).reason().contains("invalid utf-16"));
  }

  @Test
  void loadsLatin1WhenTheLengthIsUntagged() {
    mem.poke(16, 0x68, 0xf6, 0x6c, 0x61);
    assertEquals("höla", load(LATIN1_UTF16, 16, 4));
  }

  @Test
  void utf16PointersMustBeTwoAlignedEvenForEmptyOrLatin1Strings() {
    assertTrue(loadTrap(UTF16, 1, 0).reason().contains("unaligned pointer"));
    assertTrue(loadTrap(LATIN1_UTF16, 1, 0).reason().contains("unaligned pointer"));
    assertTrue(loadTrap(LATIN1_UTF16, 1, TAG).reason().contains("unaligned pointer"));
    assertEquals("", load(UTF8, 1, 0));
  }

  @Test
  void lengthsBeyondTheMaximumTrapBeforeAnyRead() {
    Trap t = loadTrap(UTF16, 0, 0xffff_ffffL);
    assertTrue(t.reason().contains("string too long"), t.reason());
    t = loadTrap(UTF8, 0, 0x8000_0000L);
    assertTrue(t.reason().contains("string too long"), t.reason());
  }

  @Test
  void loadStringReadsThePointerAndTaggedLengthFromMemory() {
    mem.writeInt(0, 8);
    mem.writeInt(4, 1);
    mem.poke(8, 'a');
    assertEquals(new Val.Str("a"), Strings.load(mem.context(UTF8), 0));
  }

  // ---- storing host strings (a UTF-8 source) ----

  @Test
  void utf8GuestsGetOneExactAllocation() {
    PtrLen r = Strings.storeIntoRange(mem.context(UTF8), new Val.Str("hö☃🍰"));
    assertEquals(List.of(call(0, 0, 1, 10)), mem.callArgs());
    assertEquals(10, r.length());
    assertArrayEquals(
        bytes(0x68, 0xc3, 0xb6, 0xe2, 0x98, 0x83, 0xf0, 0x9f, 0x8d, 0xb0), mem.bytes(r.ptr(), 10));
  }

  @Test
  void emptyStringsStillCallRealloc() {
    PtrLen r = Strings.storeIntoRange(mem.context(UTF8), new Val.Str(""));
    assertEquals(List.of(call(0, 0, 1, 0)), mem.callArgs());
    assertEquals(0, r.length());
  }

  @Test
  void utf16GuestsGetTheWorstCaseThenAShrink() {
    PtrLen r = Strings.storeIntoRange(mem.context(UTF16), new Val.Str("hö☃🍰"));
    assertEquals(List.of(call(0, 0, 2, 20), call(r.ptr(), 20, 2, 10)), mem.callArgs());
    assertEquals(5, r.length());
    assertArrayEquals(
        bytes(0x68, 0x00, 0xf6, 0x00, 0x03, 0x26, 0x3c, 0xd8, 0x70, 0xdf), mem.bytes(r.ptr(), 10));
  }

  @Test
  void latin1Utf16GuestsGetLatin1WhenEveryCharacterFits() {
    PtrLen r = Strings.storeIntoRange(mem.context(LATIN1_UTF16), new Val.Str("höla"));
    assertEquals(List.of(call(0, 0, 2, 5), call(r.ptr(), 5, 2, 4)), mem.callArgs());
    assertEquals(4, r.length());
    assertArrayEquals(bytes(0x68, 0xf6, 0x6c, 0x61), mem.bytes(r.ptr(), 4));
  }

  @Test
  void latin1Utf16GuestsGetUtf16InflatedInPlaceAtTheFirstWideCharacter() {
    PtrLen r = Strings.storeIntoRange(mem.context(LATIN1_UTF16), new Val.Str("sn☃"));
    long first = mem.calls().get(0).result();
    long grown = mem.calls().get(1).result();
    assertEquals(
        List.of(call(0, 0, 2, 5), call(first, 5, 2, 10), call(grown, 10, 2, 6)), mem.callArgs());
    assertEquals(3 | TAG, r.length());
    assertArrayEquals(bytes(0x73, 0x00, 0x6e, 0x00, 0x03, 0x26), mem.bytes(r.ptr(), 6));
  }

  @Test
  void hostStringsWithUnpairedSurrogatesAreNotStrings() {
    Trap t =
        assertThrows(
            Trap.class, () -> Strings.storeIntoRange(mem.context(UTF8), new Val.Str("a\ud800b")));
    assertTrue(t.reason().contains("unpaired surrogate"), t.reason());
    assertTrue(mem.calls().isEmpty());
    t = assertThrows(Trap.class, () -> Strings.storeIntoRange(mem.context(UTF8), new Val.U8(1)));
    assertTrue(t.reason().contains("expected string, got U8"), t.reason());
  }

  @ParameterizedTest
  @EnumSource(StringEncoding.class)
  void everyEncodingRoundTripsEveryPlane(StringEncoding e) {
    for (String s : new String[] {"", "a", "ÿ", "höla", "€", "a😀ü€", "🍰🍰", "\u0000x"}) {
      var cx = mem.context(e);
      PtrLen r = Strings.storeIntoRange(cx, new Val.Str(s));
      assertEquals(s, Strings.loadFromRange(cx, r.ptr(), r.length()).value(), e + " " + s);
    }
  }

  // ---- storing from every guest source encoding ----

  private PtrLen storeFrom(StringEncoding dst, String s, StringEncoding src, long tagged) {
    return Strings.storeIntoRange(mem.context(dst), s, src, tagged);
  }

  @Test
  void utf16ToUtf8GrowsToThreeBytesPerUnitAtTheFirstNonAsciiThenShrinks() {
    PtrLen r = storeFrom(UTF8, "hö☃🍰", UTF16, 5);
    long first = mem.calls().get(0).result();
    long grown = mem.calls().get(1).result();
    assertEquals(
        List.of(call(0, 0, 1, 5), call(first, 5, 1, 15), call(grown, 15, 1, 10)), mem.callArgs());
    assertEquals(10, r.length());
    assertEquals("hö☃🍰", load(UTF8, r.ptr(), r.length()));
  }

  @Test
  void latin1ToUtf8GrowsToTwoBytesPerCharacter() {
    PtrLen r = storeFrom(UTF8, "höla", LATIN1_UTF16, 4);
    long first = mem.calls().get(0).result();
    long grown = mem.calls().get(1).result();
    assertEquals(
        List.of(call(0, 0, 1, 4), call(first, 4, 1, 8), call(grown, 8, 1, 5)), mem.callArgs());
    assertArrayEquals(bytes(0x68, 0xc3, 0xb6, 0x6c, 0x61), mem.bytes(r.ptr(), 5));
  }

  @Test
  void asciiFromAnySourceIsOneAllocation() {
    PtrLen r = storeFrom(UTF8, "ok", UTF16, 2);
    assertEquals(List.of(call(0, 0, 1, 2)), mem.callArgs());
    assertEquals(2, r.length());
  }

  @Test
  void sameEncodingsAndLatin1IntoUtf16AreCopies() {
    PtrLen r = storeFrom(UTF16, "hö☃🍰", UTF16, 5);
    assertEquals(5, r.length());
    r = storeFrom(UTF16, "höla", LATIN1_UTF16, 4);
    assertArrayEquals(bytes(0x68, 0, 0xf6, 0, 0x6c, 0, 0x61, 0), mem.bytes(r.ptr(), 8));
    r = storeFrom(LATIN1_UTF16, "grün", LATIN1_UTF16, 4);
    assertEquals(4, r.length());
    assertArrayEquals(bytes(0x67, 0x72, 0xfc, 0x6e), mem.bytes(r.ptr(), 4));
    assertEquals(List.of(call(0, 0, 2, 10), call(0, 0, 2, 8), call(0, 0, 2, 4)), mem.callArgs());
  }

  @Test
  void utf16IntoLatin1Utf16StartsLatin1AndUpgrades() {
    PtrLen r = storeFrom(LATIN1_UTF16, "☃🍰", UTF16, 3);
    long first = mem.calls().get(0).result();
    assertEquals(List.of(call(0, 0, 2, 3), call(first, 3, 2, 6)), mem.callArgs());
    assertEquals(3 | TAG, r.length());
    assertArrayEquals(bytes(0x03, 0x26, 0x3c, 0xd8, 0x70, 0xdf), mem.bytes(r.ptr(), 6));
  }

  @Test
  void taggedUtf16ThatFitsLatin1IsDowngraded() {
    PtrLen r = storeFrom(LATIN1_UTF16, "AB", LATIN1_UTF16, 2 | TAG);
    long first = mem.calls().get(0).result();
    assertEquals(List.of(call(0, 0, 2, 4), call(first, 4, 1, 2)), mem.callArgs());
    assertEquals(2, r.length());
    assertArrayEquals(bytes(0x41, 0x42), mem.bytes(r.ptr(), 2));
  }

  @Test
  void taggedUtf16ThatNeedsUtf16StaysWide() {
    PtrLen r = storeFrom(LATIN1_UTF16, "n☃", LATIN1_UTF16, 2 | TAG);
    assertEquals(List.of(call(0, 0, 2, 4)), mem.callArgs());
    assertEquals(2 | TAG, r.length());
    assertArrayEquals(bytes(0x6e, 0x00, 0x03, 0x26), mem.bytes(r.ptr(), 4));
  }

  @Test
  void utf8IntoUtf16ShrinksOnlyWhenNotAscii() {
    storeFrom(UTF16, "hi", UTF8, 2);
    assertEquals(List.of(call(0, 0, 2, 4)), mem.callArgs());
  }

  // ---- realloc results are checked ----

  @Test
  void aMisalignedReallocResultTraps() {
    var cx =
        new LiftLowerContext(new CanonicalOptions(mem, args -> new long[] {1}, null, UTF16), null);
    Trap t = assertThrows(Trap.class, () -> Strings.storeIntoRange(cx, new Val.Str("x")));
    assertTrue(t.reason().contains("unaligned pointer"), t.reason());
    assertTrue(t.reason().contains("realloc return: result not aligned"), t.reason());
  }

  @Test
  void aReallocResultBeyondMemoryTrapsEvenForAnEmptyString() {
    var cx =
        new LiftLowerContext(
            new CanonicalOptions(mem, args -> new long[] {0xffff_ffffL}, null, UTF8), null);
    Trap t = assertThrows(Trap.class, () -> Strings.storeIntoRange(cx, new Val.Str("")));
    assertTrue(t.reason().contains("realloc return: beyond end of memory"), t.reason());
    assertTrue(t.reason().contains("string content out-of-bounds"), t.reason());
  }

  @Test
  void storingWithoutReallocOrMemoryTraps() {
    var noRealloc = new LiftLowerContext(new CanonicalOptions(mem, null, null, UTF8), null);
    assertThrows(Trap.class, () -> Strings.storeIntoRange(noRealloc, new Val.Str("x")));
    var noMemory = new LiftLowerContext(new CanonicalOptions(null, null, null, UTF8), null);
    Trap t = assertThrows(Trap.class, () -> Strings.loadFromRange(noMemory, 0, 0));
    assertTrue(t.reason().contains("memory"), t.reason());
  }
}
