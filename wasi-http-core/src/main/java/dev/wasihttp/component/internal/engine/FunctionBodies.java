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
    return ModuleSections.rewrite(
        module, CODE_SECTION, (b, start, end) -> code(b, start, end, importedFunctions(b), keep));
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
    int[] count = ModuleSections.leb(b, start);
    var out = new ByteArrayOutputStream(64 + keep.size() * 1024 + count[0] * 4);
    ModuleSections.writeLeb(out, count[0]);
    int p = count[1];
    for (int f = 0; f < count[0]; f++) {
      int[] size = ModuleSections.leb(b, p);
      int bodyStart = size[1];
      int bodyEnd = Math.addExact(bodyStart, size[0]);
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
}
