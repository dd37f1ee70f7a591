package dev.wasihttp.component.internal.abi;

import dev.wasihttp.component.errors.Trap;
import dev.wasihttp.component.types.PrimitiveType;
import dev.wasihttp.component.values.Val;

/**
 * Strings in linear memory (CanonicalABI.md, "Loading": load_string, "Storing": store_string). The
 * guest side's encoding is the {@code string-encoding} option; the host side is a Java {@link
 * String}.
 *
 * <p>A string stored from the host has no encoding of its own. The spec's store algorithms are
 * written for a source in some encoding (the encoding of the component it was lifted from); this
 * runtime stores a host string as a UTF-8 source whose code units are its UTF-8 bytes, as Wasmtime
 * does for its (UTF-8) host strings. A UTF-8 guest therefore receives every string in one
 * exact-size {@code realloc}; UTF-16 and latin1+utf16 guests get the spec's worst-case allocation
 * and shrinking {@code realloc}. The other source encodings are reachable through {@link
 * #storeIntoRange(LiftLowerContext, String, StringEncoding, long)}.
 */
final class Strings {
  /** The high bit of a latin1+utf16 length, set when the string is UTF-16 ({@code UTF16_TAG}). */
  static final long UTF16_TAG = 1L << 31;

  /**
   * The longest string in bytes ({@code MAX_STRING_BYTE_LENGTH} of the 0.2 text, {@code 2^31-1};
   * the async-era text lowers it to {@code 2^28-1}).
   */
  static final long MAX_STRING_BYTE_LENGTH = (1L << 31) - 1;

  private Strings() {}

  /** {@code load_string}: the pointer and tagged length stored at {@code ptr}, then the string. */
  static Val.Str load(LiftLowerContext cx, long ptr) {
    GuestMemory m = cx.memory();
    long begin = Integer.toUnsignedLong(m.readInt(ptr));
    long taggedCodeUnits = Integer.toUnsignedLong(m.readInt(ptr + Layout.PTR_SIZE));
    return loadFromRange(cx, begin, taggedCodeUnits);
  }

  /**
   * {@code load_string_from_range}: checks the length limit, the pointer's alignment (2 for the
   * UTF-16 encodings, even when the string is empty or latin-1) and the bounds, then decodes
   * strictly.
   */
  static Val.Str loadFromRange(LiftLowerContext cx, long ptr, long taggedCodeUnits) {
    // latin1+utf16 tags a UTF-16 string's length with UTF16_TAG; its alignment is 2 either way.
    StringEncoding decode =
        switch (cx.encoding()) {
          case UTF8 -> StringEncoding.UTF8;
          case UTF16 -> StringEncoding.UTF16;
          case LATIN1_UTF16 ->
              (taggedCodeUnits & UTF16_TAG) != 0
                  ? StringEncoding.UTF16
                  : StringEncoding.LATIN1_UTF16;
        };
    int alignment = cx.encoding() == StringEncoding.UTF8 ? 1 : 2;
    long codeUnits =
        cx.encoding() == StringEncoding.LATIN1_UTF16
            ? taggedCodeUnits & ~UTF16_TAG
            : taggedCodeUnits;
    long byteLength = decode == StringEncoding.UTF16 ? 2 * codeUnits : codeUnits;
    checkByteLength(byteLength);
    if (!Layout.isAligned(ptr, alignment)) {
      throw new Trap(
          "unaligned pointer: string at 0x"
              + Long.toHexString(ptr)
              + " for alignment "
              + alignment);
    }
    if (!cx.inBounds(ptr, byteLength)) {
      // Wasmtime's host says "string pointer/length out of bounds of memory", its adapters
      // "string content out-of-bounds"; the reference tests expect both.
      throw new Trap(
          "string content out-of-bounds: string pointer/length out of bounds of memory (0x"
              + Long.toHexString(ptr)
              + " + "
              + byteLength
              + " > "
              + cx.memory().byteSize()
              + ")");
    }
    byte[] bytes = cx.memory().read(ptr, (int) byteLength);
    return new Val.Str(
        switch (decode) {
          case UTF8 -> Unicode.decodeUtf8(bytes);
          case UTF16 -> Unicode.decodeUtf16(bytes);
          case LATIN1_UTF16 -> Unicode.decodeLatin1(bytes);
        });
  }

  /** {@code store_string_into_range} for a value that must be a {@link Val.Str}. */
  static PtrLen storeIntoRange(LiftLowerContext cx, Val v) {
    if (!(v instanceof Val.Str str)) {
      throw Shapes.mismatch(PrimitiveType.STRING, v);
    }
    String s = str.value();
    return storeIntoRange(cx, s, StringEncoding.UTF8, Unicode.utf8Length(s));
  }

  /**
   * {@code store_string_into_range} from a source in {@code srcEncoding} of {@code
   * srcTaggedCodeUnits} code units (UTF-8 bytes, UTF-16 units, or a latin1+utf16 tagged length),
   * choosing the spec's algorithm for the pair of encodings.
   *
   * <p>The caller guarantees that {@code s} is a sequence of Unicode scalar values whose length in
   * the source encoding is {@code srcTaggedCodeUnits} (a latin-1 source holds only U+0000-U+00FF).
   */
  static PtrLen storeIntoRange(
      LiftLowerContext cx, String s, StringEncoding srcEncoding, long srcTaggedCodeUnits) {
    boolean srcLatin1 = false;
    long units = srcTaggedCodeUnits;
    StringEncoding simple = srcEncoding;
    if (srcEncoding == StringEncoding.LATIN1_UTF16) {
      if ((srcTaggedCodeUnits & UTF16_TAG) != 0) {
        simple = StringEncoding.UTF16;
        units = srcTaggedCodeUnits ^ UTF16_TAG;
      } else {
        srcLatin1 = true;
      }
    }
    return switch (cx.encoding()) {
      case UTF8 -> {
        if (srcLatin1) {
          yield StringStore.latin1ToUtf8(cx, s, units);
        }
        yield simple == StringEncoding.UTF8
            ? StringStore.copy(cx, s, units, 1, 1, StringEncoding.UTF8)
            : StringStore.utf16ToUtf8(cx, s, units);
      }
      case UTF16 ->
          simple == StringEncoding.UTF8
              ? StringStore.utf8ToUtf16(cx, s, units)
              : StringStore.copy(cx, s, units, 2, 2, StringEncoding.UTF16);
      case LATIN1_UTF16 -> {
        if (srcEncoding != StringEncoding.LATIN1_UTF16) {
          yield StringStore.toLatin1OrUtf16(cx, s, units);
        }
        yield srcLatin1
            ? StringStore.copy(cx, s, units, 1, 2, StringEncoding.LATIN1_UTF16)
            : StringStore.probablyUtf16ToLatin1OrUtf16(cx, s, units);
      }
    };
  }

  /** Traps when a string would be longer than {@link #MAX_STRING_BYTE_LENGTH} bytes. */
  static void checkByteLength(long byteLength) {
    if (byteLength > MAX_STRING_BYTE_LENGTH) {
      throw new Trap(
          "string too long: "
              + byteLength
              + " bytes exceed MAX_STRING_BYTE_LENGTH ("
              + MAX_STRING_BYTE_LENGTH
              + ")");
    }
  }
}
