package dev.wasihttp.component.internal.engine;

import java.io.ByteArrayOutputStream;

/**
 * A core module's sections as the binary format lays them out (Core spec, "Modules": an id byte, a
 * u32 size, the contents), walked to rewrite one section before the engine parses the module.
 * Anything the walk does not understand leaves the bytes as they are, for the parser to judge.
 */
final class ModuleSections {
  /** New contents for a section found at {@code [start, end)} of {@code module}; null: none. */
  interface Rewrite {
    byte[] contents(byte[] module, int start, int end);
  }

  private ModuleSections() {}

  /**
   * {@code module} with the first section of {@code id} rewritten by {@code rewrite}; {@code
   * module} itself when it has no such section, {@code rewrite} gives null, or the layout is not
   * understood.
   */
  static byte[] rewrite(byte[] module, int id, Rewrite rewrite) {
    try {
      int p = 8; // magic and version
      while (p < module.length) {
        int sectionId = module[p] & 0xff;
        int[] size = leb(module, p + 1);
        int start = size[1];
        int end = Math.addExact(start, size[0]);
        if (end > module.length) {
          return module;
        }
        if (sectionId == id) {
          byte[] contents = rewrite.contents(module, start, end);
          if (contents == null) {
            return module;
          }
          var out = new ByteArrayOutputStream(module.length - (end - start) + contents.length + 5);
          out.write(module, 0, p + 1);
          writeLeb(out, contents.length);
          out.write(contents, 0, contents.length);
          out.write(module, end, module.length - end);
          return out.toByteArray();
        }
        p = end;
      }
    } catch (RuntimeException e) {
      // Not understood (truncated, a size out of range): parsed as it is.
    }
    return module;
  }

  /**
   * An unsigned LEB128 of at most 31 bits at {@code p}: {value, position after}.
   *
   * @throws IllegalArgumentException when it is longer or larger
   * @throws ArrayIndexOutOfBoundsException when it runs past the end (callers catch both)
   */
  static int[] leb(byte[] b, int p) {
    long result = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      int x = b[p++] & 0xff;
      result |= (long) (x & 0x7f) << shift;
      if ((x & 0x80) == 0) {
        if (result > Integer.MAX_VALUE) {
          throw new IllegalArgumentException("LEB128 out of range");
        }
        return new int[] {(int) result, p};
      }
    }
    throw new IllegalArgumentException("LEB128 too long");
  }

  static void writeLeb(ByteArrayOutputStream out, int v) {
    do {
      int x = v & 0x7f;
      v >>>= 7;
      out.write(v != 0 ? x | 0x80 : x);
    } while (v != 0);
  }
}
