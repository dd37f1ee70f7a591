package dev.wasihttp.component.internal.binary;

import static dev.wasihttp.component.internal.binary.BinaryReader.hex;
import static dev.wasihttp.component.internal.binary.BinaryReader.malformed;

import dev.wasihttp.component.errors.ComponentException;
import java.util.ArrayList;
import java.util.List;

/**
 * Core types inside a component (Binary.md, "Type Definitions": {@code core:deftype}, {@code
 * core:moduletype}, {@code core:moduledecl}) and the core spec's value, table, memory, global and
 * tag types they use.
 */
final class CoreTypeDecoder {
  private CoreTypeDecoder() {}

  /**
   * {@code core:deftype}: {@code 0x60} function type or {@code 0x50} module type. A non-final GC
   * subtype is written {@code 0x00 0x50} here (Binary.md: the pre-1.0 {@code 0x50} ambiguity); it
   * and every other GC form are refused.
   */
  static CoreDefType coreType(BinaryReader r, int depth) throws ComponentException {
    int at = r.position();
    int op = r.u8("core type");
    switch (op) {
      case 0x60:
        return funcType(r);
      case 0x50:
        ComponentDecoder.checkDepth(depth, at);
        return moduleType(r, depth);
      case 0x00:
        {
          int b = r.u8("core subtype");
          if (b == 0x50) {
            throw malformed(at, "GC types are not supported (core subtype 0x00 0x50)");
          }
          throw malformed(at + 1, "expected 0x50 (core subtype) after 0x00, found " + hex(b));
        }
      case 0x4e:
      case 0x4f:
      case 0x5e:
      case 0x5f:
      case 0x5d:
        throw malformed(at, "GC types are not supported (core type opcode " + hex(op) + ")");
      default:
        throw malformed(at, "expected core type 0x60 (func) or 0x50 (module), found " + hex(op));
    }
  }

  /** {@code core:functype} after {@code 0x60}: parameter and result value types. */
  private static CoreFuncType funcType(BinaryReader r) throws ComponentException {
    List<CoreValType> params = valTypes(r, "core function parameters");
    return new CoreFuncType(params, valTypes(r, "core function results"));
  }

  private static List<CoreValType> valTypes(BinaryReader r, String what) throws ComponentException {
    int n = r.count(what);
    List<CoreValType> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(valType(r));
    }
    return out;
  }

  /**
   * {@code core:valtype}: a number, vector or nullable abstract reference type; {@code (ref null
   * func)} and friends are read as their shorthands. Typed and GC references are refused.
   */
  static CoreValType valType(BinaryReader r) throws ComponentException {
    int at = r.position();
    int b = r.u8("core value type");
    switch (b) {
      case 0x7f:
        return CoreValType.I32;
      case 0x7e:
        return CoreValType.I64;
      case 0x7d:
        return CoreValType.F32;
      case 0x7c:
        return CoreValType.F64;
      case 0x7b:
        return CoreValType.V128;
      case 0x63: // (ref null ht)
        {
          int h = r.peek("heap type");
          CoreValType t = shorthand(h);
          if (t == null) {
            throw malformed(
                r.position(),
                "typed or GC reference types are not supported (heap type " + hex(h) + ")");
          }
          r.u8("heap type");
          return t;
        }
      case 0x64: // (ref ht)
        throw malformed(at, "non-nullable reference types (0x64) are not supported");
      default:
        {
          CoreValType t = shorthand(b);
          if (t != null) {
            return t;
          }
          if (b >= 0x6a && b <= 0x74) {
            throw malformed(at, "GC reference types are not supported (" + hex(b) + ")");
          }
          throw malformed(at, "expected a core value type, found " + hex(b));
        }
    }
  }

  private static CoreValType shorthand(int b) {
    switch (b) {
      case 0x70:
        return CoreValType.FUNCREF;
      case 0x6f:
        return CoreValType.EXTERNREF;
      case 0x69:
        return CoreValType.EXNREF;
      default:
        return null;
    }
  }

  /** {@code core:moduletype} after {@code 0x50}: {@code vec(core:moduledecl)}. */
  private static CoreDefType.ModuleType moduleType(BinaryReader r, int depth)
      throws ComponentException {
    int n = r.count("module type declarations", 2);
    List<ModuleDecl> decls = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int at = r.position();
      int kind = r.u8("module type declaration");
      switch (kind) {
        case 0x00:
          {
            String module = r.name("core import module name");
            String name = r.name("core import name");
            decls.add(new ModuleDecl.CoreImportDecl(module, name, externType(r)));
            break;
          }
        case 0x01:
          // Validation rejects a module type here (Binary.md); decoding keeps it for that check.
          decls.add(new ModuleDecl.CoreTypeDeclInModule(coreType(r, depth + 1)));
          break;
        case 0x02:
          {
            // Binary.md, core:alias: 0x10 (the core type sort) 0x01 (outer) ct idx.
            int sortAt = r.position();
            int sort = r.u8("core alias sort");
            if (sort != 0x10) {
              throw malformed(sortAt, "expected outer alias kind 0x10 (type), found " + hex(sort));
            }
            int targetAt = r.position();
            int target = r.u8("core alias target");
            if (target != 0x01) {
              throw malformed(
                  targetAt, "expected outer alias target 0x01 (outer), found " + hex(target));
            }
            int count = r.index("outer alias count");
            decls.add(new ModuleDecl.CoreOuterAlias(count, r.index("outer alias index")));
            break;
          }
        case 0x03:
          {
            String name = r.name("core export name");
            decls.add(new ModuleDecl.CoreExportDecl(name, externType(r)));
            break;
          }
        default:
          throw malformed(
              at, "expected module type declaration (0x00 to 0x03), found " + hex(kind));
      }
    }
    return new CoreDefType.ModuleType(decls);
  }

  /** Core {@code externtype}: func, table, memory, global or tag. */
  static CoreImportDesc externType(BinaryReader r) throws ComponentException {
    int at = r.position();
    int kind = r.u8("core extern type");
    switch (kind) {
      case 0x00:
        return new CoreImportDesc.Func(r.index("core type index"));
      case 0x01:
        return table(r);
      case 0x02:
        return memory(r);
      case 0x03:
        {
          CoreValType t = valType(r);
          int mutAt = r.position();
          int m = r.u8("global mutability");
          if (m > 1) {
            throw malformed(
                mutAt,
                m <= 3
                    ? "shared globals are not supported (" + hex(m) + ")"
                    : "expected global mutability 0x00 or 0x01, found " + hex(m));
          }
          return new CoreImportDesc.Global(t, m == 1);
        }
      case 0x04:
        {
          // Exception handling: tagtype ::= 0x00 typeidx (the attribute "exception").
          r.expectByte(0x00, "tag attribute");
          return new CoreImportDesc.Tag(r.index("core type index"));
        }
      default:
        throw malformed(at, "expected core extern type (0x00 to 0x04), found " + hex(kind));
    }
  }

  private static CoreImportDesc.Table table(BinaryReader r) throws ComponentException {
    CoreValType elem = valType(r);
    if (!elem.isReference()) {
      throw malformed(
          r.position() - 1, "table element type must be a reference type, found " + elem);
    }
    int at = r.position();
    int flags = r.u8("table limits");
    if (flags > 1) {
      throw malformed(
          at,
          (flags & ~0x07) == 0
              ? "64-bit and shared tables are not supported (limits flags " + hex(flags) + ")"
              : "expected table limits 0x00 or 0x01, found " + hex(flags));
    }
    long min = r.u32("table minimum");
    Long max = flags == 1 ? r.u32("table maximum") : null;
    return new CoreImportDesc.Table(elem, min, max);
  }

  /** Core memory type: limits flags bit 0 max, bit 1 shared, bit 2 memory64. */
  private static CoreImportDesc.Memory memory(BinaryReader r) throws ComponentException {
    int at = r.position();
    int flags = r.u8("memory limits");
    if ((flags & 0x08) != 0 && flags <= 0x0f) {
      throw malformed(at, "custom page sizes are not supported (limits flags " + hex(flags) + ")");
    }
    if (flags > 0x07) {
      throw malformed(at, "expected memory limits flags 0x00 to 0x07, found " + hex(flags));
    }
    boolean is64 = (flags & 0x04) != 0;
    boolean shared = (flags & 0x02) != 0;
    long min = is64 ? r.u64("memory minimum") : r.u32("memory minimum");
    Long max = null;
    if ((flags & 0x01) != 0) {
      max = is64 ? r.u64("memory maximum") : r.u32("memory maximum");
    }
    return new CoreImportDesc.Memory(min, max, is64, shared);
  }
}
