package dev.wasihttp.component.internal.binary;

import dev.wasihttp.component.errors.ComponentException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A cursor over a window {@code [position, end)} of a component binary. Positions are absolute
 * offsets in the outermost binary, so every error names the byte where it happened. Every read
 * checks the bytes left first and fails with a {@link ComponentException.Kind#MALFORMED} exception
 * otherwise; nothing is ever allocated from a length that has not been checked against them.
 */
final class BinaryReader {
  private final byte[] data;
  private final int end;
  private int pos;

  /** A reader over {@code data[start, end)}; {@code start} and {@code end} must be in bounds. */
  BinaryReader(byte[] data, int start, int end) {
    this.data = data;
    this.pos = start;
    this.end = end;
  }

  /** A reader over all of {@code data}. */
  static BinaryReader of(byte[] data) {
    return new BinaryReader(data, 0, data.length);
  }

  static ComponentException malformed(long offset, String detail) {
    return new ComponentException(ComponentException.Kind.MALFORMED, offset, detail);
  }

  static String hex(int b) {
    return String.format("0x%02x", b);
  }

  byte[] data() {
    return data;
  }

  int position() {
    return pos;
  }

  int end() {
    return end;
  }

  int remaining() {
    return end - pos;
  }

  boolean atEnd() {
    return pos >= end;
  }

  /**
   * Takes the next {@code size} bytes as a reader of their own and moves past them. {@code
   * sectionStart} is where the section began, for the message.
   */
  BinaryReader window(long size, String what, int sectionStart) throws ComponentException {
    if (size > remaining()) {
      throw malformed(
          sectionStart,
          what + " size " + size + " runs past the end (" + remaining() + " bytes left)");
    }
    BinaryReader sub = new BinaryReader(data, pos, pos + (int) size);
    pos += (int) size;
    return sub;
  }

  /** Fails unless the window was consumed exactly (core spec: {@code size} must match). */
  void expectEnd(String what) throws ComponentException {
    if (pos != end) {
      throw malformed(
          pos,
          what
              + " ends at 0x"
              + Integer.toHexString(end)
              + " but its content ended at 0x"
              + Integer.toHexString(pos));
    }
  }

  private ComponentException eof(String what, int need) {
    return malformed(
        pos,
        "unexpected end: expected "
            + (need == 1 ? what : need + " bytes of " + what)
            + ", "
            + remaining()
            + " left");
  }

  /** The next byte, unsigned. */
  int u8(String what) throws ComponentException {
    if (pos >= end) {
      throw eof(what, 1);
    }
    return data[pos++] & 0xff;
  }

  /** The next byte without moving past it. */
  int peek(String what) throws ComponentException {
    if (pos >= end) {
      throw eof(what, 1);
    }
    return data[pos] & 0xff;
  }

  /** Reads a byte that must be {@code expected} (e.g. the {@code 0x00} after a variant case). */
  void expectByte(int expected, String what) throws ComponentException {
    int at = pos;
    int b = u8(what);
    if (b != expected) {
      throw malformed(at, "expected " + what + " " + hex(expected) + ", found " + hex(b));
    }
  }

  /** {@code n} raw bytes. */
  byte[] bytes(long n, String what) throws ComponentException {
    if (n > remaining()) {
      throw malformed(
          pos,
          "unexpected end: expected " + n + " bytes of " + what + ", " + remaining() + " left");
    }
    byte[] out = new byte[(int) n];
    System.arraycopy(data, pos, out, 0, (int) n);
    pos += (int) n;
    return out;
  }

  /** Moves past {@code n} bytes. */
  void skip(long n, String what) throws ComponentException {
    if (n > remaining()) {
      throw malformed(
          pos,
          "unexpected end: expected " + n + " bytes of " + what + ", " + remaining() + " left");
    }
    pos += (int) n;
  }

  /** An unsigned LEB128 integer of at most 32 bits (core spec, {@code u32}). */
  long u32(String what) throws ComponentException {
    return unsigned(32, what);
  }

  /** An unsigned LEB128 integer of at most 64 bits (core spec, {@code u64}); may be negative. */
  long u64(String what) throws ComponentException {
    return unsigned(64, what);
  }

  /**
   * An unsigned LEB128 integer of at most {@code bits} bits: at most ceil(bits / 7) bytes, and the
   * last byte may not set bits past {@code bits} (core spec, "Integers").
   */
  private long unsigned(int bits, String what) throws ComponentException {
    int start = pos;
    int lastShift = (bits - 1) / 7 * 7;
    int unusedBits = 0x7f & ~((1 << (bits - lastShift)) - 1);
    long result = 0;
    for (int shift = 0; ; shift += 7) {
      if (pos >= end) {
        throw pos == start ? eof(what, 1) : malformed(start, "unexpected end in LEB128 " + what);
      }
      int b = data[pos++] & 0xff;
      if (shift == lastShift) {
        if ((b & 0x80) != 0) {
          throw malformed(start, "LEB128 u" + bits + " too long (" + what + ")");
        }
        if ((b & unusedBits) != 0) {
          throw malformed(
              start,
              "LEB128 u" + bits + " too large: bits set past bit " + bits + " (" + what + ")");
        }
      }
      result |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
    }
  }

  /** A signed LEB128 integer of at most 33 bits (core spec, {@code s33}). */
  long s33(String what) throws ComponentException {
    int start = pos;
    long result = 0;
    for (int shift = 0; ; shift += 7) {
      if (pos >= end) {
        throw pos == start ? eof(what, 1) : malformed(start, "unexpected end in LEB128 " + what);
      }
      int b = data[pos++] & 0xff;
      if (shift == 28) {
        if ((b & 0x80) != 0) {
          throw malformed(start, "LEB128 s33 too long (" + what + ")");
        }
        // Bits 33 and 34 must repeat the sign bit 32 (bit 4 of this byte).
        int high = b & 0x70;
        if (high != 0 && high != 0x70) {
          throw malformed(start, "LEB128 s33 too large: unused bits are not a sign extension");
        }
      }
      result |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        int bits = shift + 7;
        if (bits < 64 && (b & 0x40) != 0) {
          result |= -1L << bits;
        }
        return result;
      }
    }
  }

  /** A {@code u32} index; indices past {@code Integer.MAX_VALUE} cannot name anything. */
  int index(String what) throws ComponentException {
    int at = pos;
    long v = u32(what);
    if (v > Integer.MAX_VALUE) {
      throw new ComponentException(
          ComponentException.Kind.INVALID, at, what + " " + v + " is out of range");
    }
    return (int) v;
  }

  /**
   * A {@code vec} length. Each element takes at least {@code minElementSize} bytes, so a count
   * larger than the bytes left divided by that is refused before anything is allocated.
   */
  int count(String what, int minElementSize) throws ComponentException {
    int at = pos;
    long n = u32("number of " + what);
    if (n * minElementSize > remaining()) {
      throw malformed(
          at,
          "unexpected end: "
              + n
              + " "
              + what
              + " cannot fit in the "
              + remaining()
              + " bytes left");
    }
    return (int) n;
  }

  /** A {@code vec} length whose elements take at least one byte each. */
  int count(String what) throws ComponentException {
    return count(what, 1);
  }

  /** A {@code core:name}: a {@code u32} length and that many bytes of valid UTF-8. */
  String name(String what) throws ComponentException {
    long len = u32("length of " + what);
    if (len > remaining()) {
      throw malformed(
          pos,
          "unexpected end: expected " + len + " bytes of " + what + ", " + remaining() + " left");
    }
    int start = pos;
    pos += (int) len;
    return utf8(data, start, (int) len, what);
  }

  /** Decodes {@code data[start, start+len)} as strict UTF-8 (no overlongs, no surrogates). */
  static String utf8(byte[] data, int start, int len, String what) throws ComponentException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(data, start, len))
          .toString();
    } catch (CharacterCodingException e) {
      throw malformed(start, what + " is not valid UTF-8 (malformed UTF-8 encoding)");
    }
  }
}
