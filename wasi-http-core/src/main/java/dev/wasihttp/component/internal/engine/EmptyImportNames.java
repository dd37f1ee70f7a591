package dev.wasihttp.component.internal.engine;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Works around the engine refusing a function import whose module and field names are both empty
 * ({@code (import "" "" (func))}), which core wasm allows and wit-component's fixup modules use.
 * Such a field name is rewritten to {@link #SENTINEL} before parsing, and reported as empty again
 * by {@link CoreModule}. Anything this scanner does not fully understand is left alone.
 */
final class EmptyImportNames {
  /** The stand-in field name: a string no toolchain emits. */
  static final String SENTINEL = "\u0000empty";

  private static final byte[] SENTINEL_BYTES = SENTINEL.getBytes(StandardCharsets.UTF_8);

  private EmptyImportNames() {}

  /** The module with empty-named function imports renamed, or {@code bytes} itself if none. */
  static byte[] rewrite(byte[] bytes) {
    try {
      int p = 8;
      while (p < bytes.length) {
        int id = bytes[p] & 0xff;
        int[] size = leb(bytes, p + 1);
        int start = size[1];
        int end = start + size[0];
        if (id == 2) {
          byte[] section = importSection(bytes, start, end);
          if (section == null) {
            return bytes;
          }
          ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 16);
          out.write(bytes, 0, p + 1);
          writeLeb(out, section.length);
          out.write(section, 0, section.length);
          out.write(bytes, end, bytes.length - end);
          return out.toByteArray();
        }
        p = end;
      }
    } catch (RuntimeException e) {
      // Malformed: let the engine report it.
    }
    return bytes;
  }

  /** The rewritten import section contents, or null when no import needs it. */
  private static byte[] importSection(byte[] b, int start, int end) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(end - start + 16);
    int[] count = leb(b, start);
    out.write(b, start, count[1] - start);
    int p = count[1];
    boolean changed = false;
    for (int i = 0; i < count[0]; i++) {
      int[] ml = leb(b, p);
      int nameAt = ml[1] + ml[0];
      int[] nl = leb(b, nameAt);
      int kindAt = nl[1] + nl[0];
      int kind = b[kindAt] & 0xff;
      int descEnd = descEnd(b, kindAt + 1, kind);
      if (descEnd < 0) {
        return null;
      }
      if (kind == 0 && ml[0] == 0 && nl[0] == 0) {
        out.write(b, p, nameAt - p); // empty module name
        writeLeb(out, SENTINEL_BYTES.length);
        out.write(SENTINEL_BYTES, 0, SENTINEL_BYTES.length);
        out.write(b, kindAt, descEnd - kindAt);
        changed = true;
      } else {
        out.write(b, p, descEnd - p);
      }
      p = descEnd;
    }
    if (!changed || p != end) {
      return null;
    }
    return out.toByteArray();
  }

  /** Where an import description of {@code kind} starting at {@code p} ends, or -1. */
  private static int descEnd(byte[] b, int p, int kind) {
    switch (kind) {
      case 0: // func: typeidx
        return leb(b, p)[1];
      case 1: // table: reftype (one byte for funcref/externref) + limits
        if ((b[p] & 0xff) != 0x70 && (b[p] & 0xff) != 0x6f) {
          return -1;
        }
        return limitsEnd(b, p + 1);
      case 2: // memory: limits
        return limitsEnd(b, p);
      case 3: // global: numeric or simple reference type + mutability
        int t = b[p] & 0xff;
        if (t < 0x6f || t > 0x7f) {
          return -1;
        }
        return p + 2;
      case 4: // tag: attribute + typeidx
        return leb(b, p + 1)[1];
      default:
        return -1;
    }
  }

  private static int limitsEnd(byte[] b, int p) {
    int flags = b[p] & 0xff;
    int q = leb(b, p + 1)[1];
    return (flags & 1) != 0 ? leb(b, q)[1] : q;
  }

  /** {value, position after}. */
  private static int[] leb(byte[] b, int p) {
    int result = 0;
    int shift = 0;
    while (true) {
      int x = b[p++] & 0xff;
      result |= (x & 0x7f) << shift;
      if ((x & 0x80) == 0) {
        return new int[] {result, p};
      }
      shift += 7;
      if (shift > 28) {
        throw new IllegalArgumentException("LEB too long");
      }
    }
  }

  private static void writeLeb(ByteArrayOutputStream out, int v) {
    do {
      int x = v & 0x7f;
      v >>>= 7;
      out.write(v != 0 ? x | 0x80 : x);
    } while (v != 0);
  }
}
