package dev.wasihttp.component.internal.binary;

import static dev.wasihttp.component.internal.binary.BinaryReader.hex;
import static dev.wasihttp.component.internal.binary.BinaryReader.malformed;

import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.component.types.PrimitiveType;
import java.util.ArrayList;
import java.util.List;

/**
 * Component type definitions (Binary.md, "Type Definitions": {@code deftype}, {@code valtype},
 * {@code functype}, {@code componenttype}, {@code instancetype}, {@code resourcetype}). The type
 * constructors of component model 0.3 and later are refused by opcode.
 */
final class TypeDecoder {
  private TypeDecoder() {}

  /** The primitive value type of opcode {@code b} (0x73 to 0x7f), or {@code null}. */
  static PrimitiveType primitive(int b) {
    switch (b) {
      case 0x7f:
        return PrimitiveType.BOOL;
      case 0x7e:
        return PrimitiveType.S8;
      case 0x7d:
        return PrimitiveType.U8;
      case 0x7c:
        return PrimitiveType.S16;
      case 0x7b:
        return PrimitiveType.U16;
      case 0x7a:
        return PrimitiveType.S32;
      case 0x79:
        return PrimitiveType.U32;
      case 0x78:
        return PrimitiveType.S64;
      case 0x77:
        return PrimitiveType.U64;
      case 0x76:
        return PrimitiveType.F32;
      case 0x75:
        return PrimitiveType.F64;
      case 0x74:
        return PrimitiveType.CHAR;
      case 0x73:
        return PrimitiveType.STRING;
      default:
        return null;
    }
  }

  /** The name of a type opcode that belongs to a later component model than WASI 0.2, or null. */
  private static String unsupported(int b) {
    switch (b) {
      case 0x64:
        return "error-context";
      case 0x67:
        return "fixed-length list";
      case 0x66:
        return "stream";
      case 0x65:
        return "future";
      case 0x63:
        return "map";
      case 0x43:
        return "async func";
      default:
        return null;
    }
  }

  private static ComponentException refuse(int at, int b) {
    return malformed(at, unsupported(b) + " type (" + hex(b) + ") is not supported in WASI 0.2");
  }

  /**
   * {@code valtype}: a primitive opcode or a type index. Both share one s33 LEB128 (Binary.md,
   * "Type Definitions" notes): a one-byte negative value (0x40 to 0x7f) is a type opcode, anything
   * else must be a non-negative type index; an index of 64 or more takes two bytes or more.
   */
  static TypeRef valType(BinaryReader r) throws ComponentException {
    int at = r.position();
    int b = r.peek("value type");
    if ((b & 0xc0) == 0x40) {
      r.u8("value type");
      PrimitiveType p = primitive(b);
      if (p != null) {
        return new TypeRef.Primitive(p);
      }
      if (unsupported(b) != null) {
        throw refuse(at, b);
      }
      throw malformed(
          at, "expected a value type (primitive or type index), found opcode " + hex(b));
    }
    long v = r.s33("value type");
    if (v < 0) {
      throw malformed(at, "expected a value type, found the negative s33 " + v);
    }
    if (v > Integer.MAX_VALUE) {
      throw new ComponentException(
          ComponentException.Kind.INVALID, at, "type index " + v + " is out of range");
    }
    return new TypeRef.Index((int) v);
  }

  /** {@code <valtype>?}: {@code 0x00} or {@code 0x01 valtype}. */
  private static TypeRef optionalValType(BinaryReader r, String what) throws ComponentException {
    int at = r.position();
    int b = r.u8(what);
    if (b == 0x00) {
      return null;
    } else if (b == 0x01) {
      return valType(r);
    }
    throw malformed(at, "expected " + what + " 0x00 (absent) or 0x01 (present), found " + hex(b));
  }

  /** {@code labellit}s of flags or enum cases. */
  private static List<String> labels(BinaryReader r, String what) throws ComponentException {
    int n = r.count(what);
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(r.name(what));
    }
    return out;
  }

  /** {@code vec(labelvaltype)}: record fields or function parameters. */
  private static List<DefType.NamedRef> namedRefs(BinaryReader r, String what)
      throws ComponentException {
    int n = r.count(what, 2);
    List<DefType.NamedRef> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String name = r.name(what + " name");
      out.add(new DefType.NamedRef(name, valType(r)));
    }
    return out;
  }

  /** {@code deftype}; {@code depth} counts nested component and instance types. */
  static DefType defType(BinaryReader r, int depth) throws ComponentException {
    int at = r.position();
    int op = r.u8("type definition");
    PrimitiveType p = primitive(op);
    if (p != null) {
      return new DefType.PrimitiveDef(p);
    }
    switch (op) {
      case 0x72:
        return new DefType.RecordDef(namedRefs(r, "record fields"));
      case 0x71:
        {
          int n = r.count("variant cases", 3);
          List<DefType.CaseDef> cases = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            String name = r.name("variant case name");
            TypeRef t = optionalValType(r, "variant case payload");
            // Binary.md, case: a trailing 0x00 (once the "refines" index).
            r.expectByte(0x00, "zero byte after a variant case");
            cases.add(new DefType.CaseDef(name, t));
          }
          return new DefType.VariantDef(cases);
        }
      case 0x70:
        return new DefType.ListDef(valType(r));
      case 0x6f:
        {
          int n = r.count("tuple types");
          List<TypeRef> types = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            types.add(valType(r));
          }
          return new DefType.TupleDef(types);
        }
      case 0x6e:
        return new DefType.FlagsDef(labels(r, "flags"));
      case 0x6d:
        return new DefType.EnumDef(labels(r, "enum cases"));
      case 0x6b:
        return new DefType.OptionDef(valType(r));
      case 0x6a:
        {
          TypeRef ok = optionalValType(r, "result ok type");
          return new DefType.ResultDef(ok, optionalValType(r, "result error type"));
        }
      case 0x69:
        return new DefType.OwnDef(r.index("resource type index"));
      case 0x68:
        return new DefType.BorrowDef(r.index("resource type index"));
      case 0x40:
        return funcType(r);
      case 0x41:
        ComponentDecoder.checkDepth(depth, at);
        return new DefType.ComponentTypeDef(decls(r, depth, true));
      case 0x42:
        ComponentDecoder.checkDepth(depth, at);
        return new DefType.InstanceTypeDef(decls(r, depth, false));
      case 0x3f:
        return resource(r);
      default:
        if (unsupported(op) != null) {
          throw refuse(at, op);
        }
        throw malformed(at, "expected a type definition, found opcode " + hex(op));
    }
  }

  /** {@code functype} after {@code 0x40}: {@code paramlist resultlist}. */
  private static DefType.FuncTypeDef funcType(BinaryReader r) throws ComponentException {
    List<DefType.NamedRef> params = namedRefs(r, "function parameters");
    int at = r.position();
    int b = r.u8("function result list");
    if (b == 0x00) {
      return new DefType.FuncTypeDef(params, valType(r));
    } else if (b == 0x01) {
      // Binary.md, resultlist: 0x01 0x00 is "no result" (once a vec of named results).
      r.expectByte(0x00, "number of results after 0x01");
      return new DefType.FuncTypeDef(params, null);
    }
    throw malformed(at, "expected function result list 0x00 or 0x01, found " + hex(b));
  }

  /** {@code resourcetype} after {@code 0x3f}: {@code core:valtype} and an optional destructor. */
  private static DefType.ResourceDef resource(BinaryReader r) throws ComponentException {
    CoreValType rep = CoreTypeDecoder.valType(r);
    int at = r.position();
    int b = r.u8("resource destructor");
    if (b == 0x00) {
      return new DefType.ResourceDef(rep, null);
    } else if (b == 0x01) {
      return new DefType.ResourceDef(rep, r.index("destructor core function index"));
    }
    throw malformed(at, "expected resource destructor 0x00 (absent) or 0x01, found " + hex(b));
  }

  /**
   * {@code vec(componentdecl)} or {@code vec(instancedecl)}: a component type also accepts {@code
   * 0x03} imports.
   */
  private static List<Decl> decls(BinaryReader r, int depth, boolean component)
      throws ComponentException {
    int n = r.count(component ? "component type declarations" : "instance type declarations", 2);
    List<Decl> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int at = r.position();
      int kind = r.u8("declaration");
      switch (kind) {
        case 0x00:
          out.add(new Decl.CoreTypeDecl(CoreTypeDecoder.coreType(r, depth + 1)));
          break;
        case 0x01:
          out.add(new Decl.TypeDecl(defType(r, depth + 1)));
          break;
        case 0x02:
          {
            Sort sort = DefinitionDecoder.sort(r);
            out.add(new Decl.AliasDecl(sort, DefinitionDecoder.aliasTarget(r, sort, at)));
            break;
          }
        case 0x03:
          if (!component) {
            throw malformed(
                at,
                "expected instance type declaration (0x00, 0x01, 0x02 or 0x04), found 0x03"
                    + " (an import: only component types have imports)");
          }
          {
            ExternName name = DefinitionDecoder.externName(r);
            out.add(new Decl.ImportDecl(name, DefinitionDecoder.externDesc(r)));
            break;
          }
        case 0x04:
          {
            ExternName name = DefinitionDecoder.externName(r);
            out.add(new Decl.ExportDecl(name, DefinitionDecoder.externDesc(r)));
            break;
          }
        default:
          throw malformed(
              at,
              (component
                      ? "expected component type declaration (0x00 to 0x04), found "
                      : "expected instance type declaration (0x00, 0x01, 0x02 or 0x04), found ")
                  + hex(kind));
      }
    }
    return out;
  }
}
