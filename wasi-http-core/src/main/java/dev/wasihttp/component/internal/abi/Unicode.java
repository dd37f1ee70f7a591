package dev.wasihttp.component.internal.abi;

import dev.wasihttp.component.errors.Trap;
import java.nio.charset.StandardCharsets;

/**
 * Strict decoding of guest strings and validation of host strings. A guest string that is not
 * well-formed in its encoding traps (CanonicalABI.md, "Loading": load_string_from_range traps on
 * {@code UnicodeError}); the reasons use the words of Rust's decoders, which the reference tests
 * (Wasmtime) expect: {@code invalid utf-8 sequence of N bytes from index I}, {@code incomplete
 * utf-8 byte sequence from index I}, {@code unpaired surrogate found: d800}.
 */
final class Unicode {
  private Unicode() {}

  /** Decodes well-formed UTF-8 (no surrogates, no overlongs, at most U+10FFFF) or traps. */
  static String decodeUtf8(byte[] bytes) {
    int i = 0;
    int n = bytes.length;
    while (i < n) {
      int b = bytes[i] & 0xff;
      if (b < 0x80) {
        i++;
        continue;
      }
      int width = utf8Width(b);
      if (width == 0) {
        throw invalidUtf8(i, 1);
      }
      // The second byte's range depends on the first (Unicode 15, Table 3-7).
      int lo = 0x80;
      int hi = 0xbf;
      if (b == 0xe0) {
        lo = 0xa0;
      } else if (b == 0xed) {
        hi = 0x9f;
      } else if (b == 0xf0) {
        lo = 0x90;
      } else if (b == 0xf4) {
        hi = 0x8f;
      }
      for (int k = 1; k < width; k++) {
        if (i + k >= n) {
          throw new Trap("invalid utf-8: incomplete utf-8 byte sequence from index " + i);
        }
        int c = bytes[i + k] & 0xff;
        if (k == 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) {
          throw invalidUtf8(i, k);
        }
      }
      i += width;
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** The length of the sequence a lead byte starts: 2, 3 or 4, or 0 for a byte that cannot lead. */
  private static int utf8Width(int lead) {
    if (lead >= 0xc2 && lead <= 0xdf) {
      return 2;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      return 3;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      return 4;
    }
    return 0;
  }

  private static Trap invalidUtf8(int index, int length) {
    return new Trap("invalid utf-8 sequence of " + length + " bytes from index " + index);
  }

  /** Decodes little-endian UTF-16 whose surrogates are all paired, or traps. */
  static String decodeUtf16(byte[] bytes) {
    char[] chars = new char[bytes.length / 2];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = (char) ((bytes[2 * i] & 0xff) | (bytes[2 * i + 1] & 0xff) << 8);
    }
    for (int i = 0; i < chars.length; i++) {
      char c = chars[i];
      if (Character.isHighSurrogate(c)
          && i + 1 < chars.length
          && Character.isLowSurrogate(chars[i + 1])) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new Trap(
            "invalid utf-16: unpaired surrogate found: "
                + Integer.toHexString(c)
                + " (code unit "
                + i
                + ")");
      }
    }
    return new String(chars);
  }

  /** Decodes latin-1, which every byte sequence is. */
  static String decodeLatin1(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  /**
   * The UTF-8 length of a host string, after checking that it is a sequence of Unicode scalar
   * values (a Java string may hold unpaired surrogates; a component-model string may not).
   */
  static long utf8Length(String s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else if (!Character.isSurrogate(c)) {
        n += 3;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        throw new Trap(
            "type mismatch: expected string, got a Java string with an unpaired surrogate 0x"
                + Integer.toHexString(c)
                + " at index "
                + i);
      }
    }
    return n;
  }

  /** Whether every character of {@code s} is below U+0100, so that latin-1 can hold it. */
  static boolean isLatin1(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x100) {
        return false;
      }
    }
    return true;
  }
}
