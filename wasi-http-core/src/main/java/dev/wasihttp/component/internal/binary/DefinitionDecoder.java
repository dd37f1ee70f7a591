package dev.wasihttp.component.internal.binary;

import static dev.wasihttp.component.internal.binary.BinaryReader.hex;
import static dev.wasihttp.component.internal.binary.BinaryReader.malformed;

import dev.wasihttp.component.errors.ComponentException;
import java.util.ArrayList;
import java.util.List;

/**
 * Instances, aliases, sorts, imports and exports (Binary.md, "Instance Definitions", "Alias
 * Definitions", "Import and Export Definitions"). Also used by {@link TypeDecoder} for the aliases,
 * imports and exports of component and instance types.
 */
final class DefinitionDecoder {
  private DefinitionDecoder() {}

  /** {@code core:instance} (section 2). */
  static CoreInstanceExpr coreInstance(BinaryReader r) throws ComponentException {
    int at = r.position();
    int op = r.u8("core instance expression");
    if (op == 0x00) {
      int module = r.index("core module index");
      int n = r.count("core instantiation arguments", 2);
      List<CoreInstanceExpr.CoreInstantiateArg> args = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        String name = r.name("core instantiation argument name");
        // Binary.md: the argument sort is 0x12 (core instance), the only one validation accepts.
        int sortAt = r.position();
        int sort = r.u8("core instantiation argument sort");
        if (sort != 0x12) {
          throw malformed(
              sortAt,
              "expected core instantiation argument sort 0x12 (instance), found " + hex(sort));
        }
        args.add(new CoreInstanceExpr.CoreInstantiateArg(name, r.index("core instance index")));
      }
      return new CoreInstanceExpr.Instantiate(module, args);
    } else if (op == 0x01) {
      int n = r.count("core inline exports", 3);
      List<CoreInstanceExpr.CoreInlineExport> exports = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        String name = r.name("core export name");
        Sort sort = coreSort(r);
        exports.add(
            new CoreInstanceExpr.CoreInlineExport(
                name, new SortIndex(sort, r.index(sort.text() + " index"))));
      }
      return new CoreInstanceExpr.FromExports(exports);
    }
    throw malformed(at, "expected core instance expression 0x00 or 0x01, found " + hex(op));
  }

  /** {@code instance} (section 5). */
  static InstanceExpr instance(BinaryReader r) throws ComponentException {
    int at = r.position();
    int op = r.u8("instance expression");
    if (op == 0x00) {
      int component = r.index("component index");
      int n = r.count("instantiation arguments", 3);
      List<InstanceExpr.InstantiateArg> args = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        String name = r.name("instantiation argument name");
        args.add(new InstanceExpr.InstantiateArg(name, sortIndex(r)));
      }
      return new InstanceExpr.Instantiate(component, args);
    } else if (op == 0x01) {
      int n = r.count("inline exports", 4);
      List<InstanceExpr.InlineExport> exports = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        ExternName name = externName(r);
        exports.add(new InstanceExpr.InlineExport(name, sortIndex(r)));
      }
      return new InstanceExpr.FromExports(exports);
    }
    throw malformed(at, "expected instance expression 0x00 or 0x01, found " + hex(op));
  }

  /** {@code core:sort}, the byte after a {@code 0x00} sort or in a {@code core:sortidx}. */
  static Sort coreSort(BinaryReader r) throws ComponentException {
    int at = r.position();
    int b = r.u8("core sort");
    switch (b) {
      case 0x00:
        return Sort.CORE_FUNC;
      case 0x01:
        return Sort.CORE_TABLE;
      case 0x02:
        return Sort.CORE_MEMORY;
      case 0x03:
        return Sort.CORE_GLOBAL;
      case 0x04:
        return Sort.CORE_TAG;
      case 0x10:
        return Sort.CORE_TYPE;
      case 0x11:
        return Sort.CORE_MODULE;
      case 0x12:
        return Sort.CORE_INSTANCE;
      default:
        throw malformed(at, "expected core sort (0x00 to 0x04, 0x10 to 0x12), found " + hex(b));
    }
  }

  /** {@code sort}: {@code 0x00 core:sort} or a component sort. */
  static Sort sort(BinaryReader r) throws ComponentException {
    int at = r.position();
    int b = r.u8("sort");
    switch (b) {
      case 0x00:
        return coreSort(r);
      case 0x01:
        return Sort.FUNC;
      case 0x02:
        return Sort.VALUE;
      case 0x03:
        return Sort.TYPE;
      case 0x04:
        return Sort.COMPONENT;
      case 0x05:
        return Sort.INSTANCE;
      default:
        throw malformed(at, "expected sort (0x00 to 0x05), found " + hex(b));
    }
  }

  /** {@code sortidx}. */
  static SortIndex sortIndex(BinaryReader r) throws ComponentException {
    Sort sort = sort(r);
    return new SortIndex(sort, r.index(sort.text() + " index"));
  }

  /**
   * The target of an {@code alias} after its sort. {@code outer} aliases are only defined for the
   * {@code outeraliassort}s: core module, core type, type and component.
   */
  static AliasTarget aliasTarget(BinaryReader r, Sort sort, long aliasAt)
      throws ComponentException {
    int at = r.position();
    int op = r.u8("alias target");
    switch (op) {
      case 0x00:
        {
          int instance = r.index("instance index");
          return new AliasTarget.Export(instance, r.name("alias export name"));
        }
      case 0x01:
        {
          int instance = r.index("core instance index");
          return new AliasTarget.CoreExport(instance, r.name("alias core export name"));
        }
      case 0x02:
        if (sort != Sort.CORE_MODULE
            && sort != Sort.CORE_TYPE
            && sort != Sort.TYPE
            && sort != Sort.COMPONENT) {
          throw malformed(
              aliasAt,
              "outer alias of sort "
                  + sort.text()
                  + ": only core module, core type, type and component can be aliased outward");
        }
        {
          int count = r.index("outer alias count");
          return new AliasTarget.Outer(count, r.index("outer alias index"));
        }
      default:
        throw malformed(at, "expected alias target 0x00, 0x01 or 0x02, found " + hex(op));
    }
  }

  /**
   * {@code nameattributes}: {@code 0x00} or {@code 0x01} and a name, or {@code 0x02}, a name and
   * {@code vec(attribute)} (implements, versionsuffix, external-id).
   */
  private static final String[] ATTRIBUTES = {"implements", "versionsuffix", "external-id"};

  static ExternName externName(BinaryReader r) throws ComponentException {
    int at = r.position();
    int form = r.u8("extern name");
    if (form == 0x00 || form == 0x01) {
      return ExternName.of(r.name("extern name"));
    }
    if (form != 0x02) {
      throw malformed(at, "expected extern name form 0x00, 0x01 or 0x02, found " + hex(form));
    }
    String name = r.name("extern name");
    String implementsName = null;
    String versionSuffix = null;
    String externalId = null;
    int n = r.count("name attributes", 2);
    int seen = 0;
    for (int i = 0; i < n; i++) {
      int attrAt = r.position();
      int kind = r.u8("name attribute");
      if (kind <= 0x02 && (seen & (1 << kind)) != 0) {
        // Binary.md: a vec(<attribute>) contains each kind of attribute at most once.
        throw new ComponentException(
            ComponentException.Kind.INVALID,
            attrAt,
            "duplicate '" + ATTRIBUTES[kind] + "' option in name \"" + name + "\"");
      }
      seen |= 1 << Math.min(kind, 30);
      switch (kind) {
        case 0x00:
          implementsName = r.name("implements interface name");
          break;
        case 0x01:
          versionSuffix = r.name("version suffix");
          break;
        case 0x02:
          externalId = r.name("external id");
          break;
        default:
          throw malformed(attrAt, "expected name attribute 0x00, 0x01 or 0x02, found " + hex(kind));
      }
    }
    return new ExternName(name, versionSuffix, implementsName, externalId);
  }

  /** {@code externtype}. */
  static ExternDesc externDesc(BinaryReader r) throws ComponentException {
    int at = r.position();
    int kind = r.u8("extern type");
    switch (kind) {
      case 0x00:
        {
          int sortAt = r.position();
          int b = r.u8("core module extern type");
          if (b != 0x11) {
            throw malformed(sortAt, "expected 0x11 (core module) after 0x00, found " + hex(b));
          }
          return new ExternDesc.CoreModuleDesc(r.index("core type index"));
        }
      case 0x01:
        return new ExternDesc.FuncDesc(r.index("type index"));
      case 0x02:
        {
          int boundAt = r.position();
          int b = r.u8("value bound");
          if (b == 0x00) {
            return new ExternDesc.ValueEqDesc(r.index("value index"));
          } else if (b == 0x01) {
            return new ExternDesc.ValueDesc(TypeDecoder.valType(r));
          }
          throw malformed(boundAt, "expected value bound 0x00 or 0x01, found " + hex(b));
        }
      case 0x03:
        {
          int boundAt = r.position();
          int b = r.u8("type bound");
          if (b == 0x00) {
            return new ExternDesc.TypeDesc(new TypeBound.Eq(r.index("type index")));
          } else if (b == 0x01) {
            return new ExternDesc.TypeDesc(new TypeBound.SubResource());
          }
          throw malformed(boundAt, "expected type bound 0x00 or 0x01, found " + hex(b));
        }
      case 0x04:
        return new ExternDesc.ComponentDesc(r.index("type index"));
      case 0x05:
        return new ExternDesc.InstanceDesc(r.index("type index"));
      default:
        throw malformed(at, "expected extern type (0x00 to 0x05), found " + hex(kind));
    }
  }

  /** The optional ascribed type of an export: {@code 0x00} or {@code 0x01 externtype}. */
  static ExternDesc optionalExternDesc(BinaryReader r) throws ComponentException {
    int at = r.position();
    int b = r.u8("optional export type");
    if (b == 0x00) {
      return null;
    } else if (b == 0x01) {
      return externDesc(r);
    }
    throw malformed(at, "expected optional export type 0x00 or 0x01, found " + hex(b));
  }
}
