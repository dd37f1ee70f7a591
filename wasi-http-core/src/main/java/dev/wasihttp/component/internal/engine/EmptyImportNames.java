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
    return ModuleSections.rewrite(bytes, 2, EmptyImportNames::importSection);
  }

  /** The rewritten import section contents, or null when no import needs it. */
  private static byte[] importSection(byte[] b, int start, int end) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(end - start + 16);
    int[] count = ModuleSections.leb(b, start);
    out.write(b, start, count[1] - start);
    int p = count[1];
    boolean changed = false;
    for (int i = 0; i < count[0]; i++) {
      int[] ml = ModuleSections.leb(b, p);
      int nameAt = ml[1] + ml[0];
      int[] nl = ModuleSections.leb(b, nameAt);
      int kindAt = nl[1] + nl[0];
      int kind = b[kindAt] & 0xff;
      int descEnd = descEnd(b, kindAt + 1, kind);
      if (descEnd < 0) {
        return null;
      }
      if (kind == 0 && ml[0] == 0 && nl[0] == 0) {
        out.write(b, p, nameAt - p); // empty module name
        ModuleSections.writeLeb(out, SENTINEL_BYTES.length);
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
        return ModuleSections.leb(b, p)[1];
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
        return ModuleSections.leb(b, p + 1)[1];
      default:
        return -1;
    }
  }

  private static int limitsEnd(byte[] b, int p) {
    int flags = b[p] & 0xff;
    int q = ModuleSections.leb(b, p + 1)[1];
    return (flags & 1) != 0 ? ModuleSections.leb(b, q)[1] : q;
  }
}
