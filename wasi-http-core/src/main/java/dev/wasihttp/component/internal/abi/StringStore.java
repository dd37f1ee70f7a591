package dev.wasihttp.component.internal.abi;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The string store algorithms of CanonicalABI.md, "Storing" ({@code store_string_copy}, {@code
 * store_string_to_utf8}, {@code store_utf8_to_utf16}, {@code store_string_to_latin1_or_utf16},
 * {@code store_probably_utf16_to_latin1_or_utf16}), with the same {@code realloc} calls in the same
 * order: a transcoding store allocates optimistically or for the worst case, then grows or shrinks
 * with {@code realloc}, which must preserve the bytes already written. Every {@code realloc} result
 * is checked for alignment and bounds.
 *
 * <p>{@code s} is the string's text and {@code units} its length in the source encoding; the caller
 * guarantees they agree and that {@code s} holds only Unicode scalar values.
 */
final class StringStore {
  private static final String CONTENT = "string";

  private StringStore() {}

  /** {@code store_string_copy}: the destination length is known up front; one allocation. */
  static PtrLen copy(
      LiftLowerContext cx,
      String s,
      long units,
      int dstCodeUnitSize,
      int dstAlignment,
      StringEncoding dstEncoding) {
    long byteLength = dstCodeUnitSize * units;
    Strings.checkByteLength(byteLength);
    long ptr = cx.allocate(dstAlignment, byteLength, CONTENT);
    byte[] encoded = s.getBytes(charset(dstEncoding));
    if (encoded.length != byteLength) {
      throw new IllegalArgumentException(
          "string of " + encoded.length + " bytes stored as " + byteLength + " bytes");
    }
    cx.memory().write(ptr, encoded, 0, encoded.length);
    return new PtrLen(ptr, units);
  }

  /** {@code store_utf16_to_utf8}: at worst 3 UTF-8 bytes per UTF-16 unit. */
  static PtrLen utf16ToUtf8(LiftLowerContext cx, String s, long units) {
    return toUtf8(cx, s, units, units * 3);
  }

  /** {@code store_latin1_to_utf8}: at worst 2 UTF-8 bytes per latin-1 character. */
  static PtrLen latin1ToUtf8(LiftLowerContext cx, String s, long units) {
    return toUtf8(cx, s, units, units * 2);
  }

  /**
   * {@code store_string_to_utf8}: allocates one byte per source unit and writes while the text is
   * ASCII; at the first other character grows to the worst case, writes the rest, and shrinks to
   * the encoded length.
   */
  private static PtrLen toUtf8(LiftLowerContext cx, String s, long units, long worstCaseSize) {
    Strings.checkByteLength(units);
    long ptr = cx.allocate(1, units, CONTENT);
    int ascii = 0;
    while (ascii < s.length() && s.charAt(ascii) < 0x80) {
      ascii++;
    }
    byte[] encoded = s.getBytes(StandardCharsets.UTF_8);
    cx.memory().write(ptr, encoded, 0, ascii);
    if (ascii == s.length()) {
      return new PtrLen(ptr, units);
    }
    Strings.checkByteLength(worstCaseSize);
    ptr = cx.reallocate(ptr, units, 1, worstCaseSize, CONTENT);
    cx.memory().write(ptr + ascii, encoded, ascii, encoded.length - ascii);
    if (worstCaseSize > encoded.length) {
      ptr = cx.reallocate(ptr, worstCaseSize, 1, encoded.length, CONTENT);
    }
    return new PtrLen(ptr, encoded.length);
  }

  /**
   * {@code store_utf8_to_utf16}: allocates 2 bytes per UTF-8 byte (the worst case), writes, and
   * shrinks when the text was not all ASCII.
   */
  static PtrLen utf8ToUtf16(LiftLowerContext cx, String s, long units) {
    long worstCaseSize = 2 * units;
    Strings.checkByteLength(worstCaseSize);
    long ptr = cx.allocate(2, worstCaseSize, CONTENT);
    byte[] encoded = s.getBytes(StandardCharsets.UTF_16LE);
    cx.memory().write(ptr, encoded, 0, encoded.length);
    if (encoded.length < worstCaseSize) {
      ptr = cx.reallocate(ptr, worstCaseSize, 2, encoded.length, CONTENT);
    }
    return new PtrLen(ptr, encoded.length / 2);
  }

  /**
   * {@code store_string_to_latin1_or_utf16}: optimistically latin-1 (one byte per source unit); at
   * the first character above U+00FF grows to 2 bytes per source unit, inflates the latin-1 bytes
   * already written to UTF-16 in place, writes the rest as UTF-16 and shrinks; a latin-1 result
   * shrinks to its length. A UTF-16 result's length carries {@link Strings#UTF16_TAG}.
   */
  static PtrLen toLatin1OrUtf16(LiftLowerContext cx, String s, long units) {
    Strings.checkByteLength(units);
    long ptr = cx.allocate(2, units, CONTENT);
    int latin1 = 0;
    while (latin1 < s.length() && s.charAt(latin1) < 0x100) {
      latin1++;
    }
    GuestMemory m = cx.memory();
    m.write(ptr, s.substring(0, latin1).getBytes(StandardCharsets.ISO_8859_1), 0, latin1);
    if (latin1 == s.length()) {
      if (latin1 < units) {
        ptr = cx.reallocate(ptr, units, 2, latin1, CONTENT);
      }
      return new PtrLen(ptr, latin1);
    }
    long worstCaseSize = 2 * units;
    Strings.checkByteLength(worstCaseSize);
    ptr = cx.reallocate(ptr, units, 2, worstCaseSize, CONTENT);
    // Inflate what realloc kept: byte j moves to 2j, its high byte is 0.
    byte[] narrow = m.read(ptr, latin1);
    byte[] wide = new byte[2 * latin1];
    for (int j = 0; j < latin1; j++) {
      wide[2 * j] = narrow[j];
    }
    m.write(ptr, wide, 0, wide.length);
    byte[] encoded = s.getBytes(StandardCharsets.UTF_16LE);
    m.write(ptr + wide.length, encoded, wide.length, encoded.length - wide.length);
    if (worstCaseSize > encoded.length) {
      ptr = cx.reallocate(ptr, worstCaseSize, 2, encoded.length, CONTENT);
    }
    return new PtrLen(ptr, encoded.length / 2 | Strings.UTF16_TAG);
  }

  /**
   * {@code store_probably_utf16_to_latin1_or_utf16}: a latin1+utf16 source that is UTF-16 is copied
   * as UTF-16; if every character turns out to fit latin-1 it is compacted in place and shrunk to
   * one byte per character.
   */
  static PtrLen probablyUtf16ToLatin1OrUtf16(LiftLowerContext cx, String s, long units) {
    long srcByteLength = 2 * units;
    Strings.checkByteLength(srcByteLength);
    long ptr = cx.allocate(2, srcByteLength, CONTENT);
    byte[] encoded = s.getBytes(StandardCharsets.UTF_16LE);
    GuestMemory m = cx.memory();
    m.write(ptr, encoded, 0, encoded.length);
    if (!Unicode.isLatin1(s)) {
      return new PtrLen(ptr, encoded.length / 2 | Strings.UTF16_TAG);
    }
    int latin1Size = encoded.length / 2;
    byte[] narrow = new byte[latin1Size];
    for (int i = 0; i < latin1Size; i++) {
      narrow[i] = encoded[2 * i];
    }
    m.write(ptr, narrow, 0, latin1Size);
    ptr = cx.reallocate(ptr, srcByteLength, 1, latin1Size, CONTENT);
    return new PtrLen(ptr, latin1Size);
  }

  private static Charset charset(StringEncoding e) {
    return switch (e) {
      case UTF8 -> StandardCharsets.UTF_8;
      case UTF16 -> StandardCharsets.UTF_16LE;
      case LATIN1_UTF16 -> StandardCharsets.ISO_8859_1;
    };
  }
}
