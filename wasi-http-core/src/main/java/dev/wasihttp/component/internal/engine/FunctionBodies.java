package dev.wasihttp.component.internal.engine;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.types.ExternalType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Set;

/**
 * Leaves out the function bodies a module's compiled classes make unneeded. When a module's classes
 * come from a compile cache, only the functions left to the interpreter still run from their
 * bodies, yet parsing every body is most of what loading a large module costs (componentize-js:
 * 12,706 functions, of which 7 stay interpreted). So before parsing, every other body is replaced
 * by the smallest one, {@code unreachable}: it is never run, and the classes were compiled from the
 * real one, validated then (the cache key names those bytes).
 *
 * <p>The module's sections are walked as the Core spec's binary format lays them out ("Modules",
 * "Code Section"); anything this walk does not understand leaves the bytes as they are, for the
 * parser to judge.
 */
final class FunctionBodies {
  /** A body with no locals, {@code unreachable}, {@code end}. */
  private static final byte[] UNREACHABLE = {3, 0, 0x00, 0x0b};

  private static final int IMPORT_SECTION = 2;
  private static final int CODE_SECTION = 10;

  private FunctionBodies() {}

  /**
   * {@code module} with the body of every function not in {@code keep} (indices counting imports)
   * replaced by {@code unreachable}; {@code module} itself when it has no code section or its
   * layout is not understood.
   */
  static byte[] keepOnly(byte[] module, Set<Integer> keep) {
    try {
      int p = 8; // magic and version
      while (p < module.length) {
        int id = module[p] & 0xff;
        long[] size = leb(module, p + 1);
        int start = (int) size[1];
        int end = Math.addExact(start, (int) size[0]);
        if (end > module.length) {
          return module;
        }
        if (id == CODE_SECTION) {
          byte[] code = code(module, start, end, importedFunctions(module), keep);
          if (code == null) {
            return module;
          }
          var out = new ByteArrayOutputStream(p + code.length + (module.length - end) + 8);
          out.write(module, 0, p + 1);
          writeLeb(out, code.length);
          out.write(code, 0, code.length);
          out.write(module, end, module.length - end);
          return out.toByteArray();
        }
        p = end;
      }
    } catch (RuntimeException e) {
      // Not understood: parsed as it is.
    }
    return module;
  }

  /** How many functions {@code module} imports: the offset of its own functions' indices. */
  private static int importedFunctions(byte[] module) {
    return Parser.builder()
        .withValidation(false)
        .includeSectionId(IMPORT_SECTION)
        .build()
        .parse(() -> new ByteArrayInputStream(module))
        .importSection()
        .count(ExternalType.FUNCTION);
  }

  /** The code section's contents with the bodies outside {@code keep} replaced; null if odd. */
  private static byte[] code(byte[] b, int start, int end, int imported, Set<Integer> keep) {
    long[] count = leb(b, start);
    var out = new ByteArrayOutputStream(64 + keep.size() * 1024 + (int) count[0] * 4);
    writeLeb(out, (int) count[0]);
    int p = (int) count[1];
    for (int f = 0; f < count[0]; f++) {
      long[] size = leb(b, p);
      int bodyStart = (int) size[1];
      int bodyEnd = Math.addExact(bodyStart, (int) size[0]);
      if (bodyEnd > end) {
        return null;
      }
      if (keep.contains(imported + f)) {
        out.write(b, p, bodyEnd - p);
      } else {
        out.write(UNREACHABLE, 0, UNREACHABLE.length);
      }
      p = bodyEnd;
    }
    return p == end ? out.toByteArray() : null;
  }

  /** An unsigned LEB128 of at most 32 bits at {@code p}: {value, position after}. */
  private static long[] leb(byte[] b, int p) {
    long result = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      int x = b[p++] & 0xff;
      result |= (long) (x & 0x7f) << shift;
      if ((x & 0x80) == 0) {
        if (result > Integer.MAX_VALUE) {
          throw new IllegalArgumentException("LEB128 out of range");
        }
        return new long[] {result, p};
      }
    }
    throw new IllegalArgumentException("LEB128 too long");
  }

  private static void writeLeb(ByteArrayOutputStream out, int v) {
    do {
      int x = v & 0x7f;
      v >>>= 7;
      out.write(v != 0 ? x | 0x80 : x);
    } while (v != 0);
  }
}
