package dev.wasihttp.component.internal.validate;

import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.component.internal.binary.CoreDefType;
import dev.wasihttp.component.internal.binary.CoreFuncType;
import dev.wasihttp.component.internal.binary.CoreImportDesc;
import dev.wasihttp.component.internal.binary.CoreModuleImport;
import dev.wasihttp.component.internal.binary.ModuleDecl;
import dev.wasihttp.component.internal.binary.Sort;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Core validation of what a component says about core modules (Binary.md, "Core Type Definitions"):
 * module types refer to types in bounds, export each name once, import each two-level name once and
 * stay within core limits; concrete modules import each two-level name once too, since the pair
 * mangles to one component-level name.
 */
public final class CoreTypeRules {
  /** Core's limit on 32-bit memories, in 64 KiB pages. */
  static final long MAX_PAGES = 65536;

  private CoreTypeRules() {}

  /** Validates a module type declared in scope {@code s}. */
  static void moduleType(CoreDefType.ModuleType t, Scope s, long at) throws ComponentException {
    List<CoreDefType> types = new ArrayList<>();
    Set<String> imports = new HashSet<>();
    Set<String> exports = new HashSet<>();
    for (ModuleDecl d : t.decls()) {
      if (d instanceof ModuleDecl.CoreTypeDeclInModule module) {
        CoreDefType inner = module.type();
        if (inner instanceof CoreDefType.ModuleType) {
          throw Invalid.at(at, "invalid leading byte: a module type cannot declare a module type");
        }
        types.add(inner);
      } else if (d instanceof ModuleDecl.CoreOuterAlias a) {
        if (a.count() != 1) {
          throw Invalid.at(at, "invalid outer alias count of " + a.count() + " in a module type");
        }
        s.check(Sort.CORE_TYPE, a.index(), at);
        types.add(s.coreTypes.get(a.index()));
      } else if (d instanceof ModuleDecl.CoreImportDecl i) {
        if (!imports.add(i.module() + ":" + i.name())) {
          throw Invalid.at(at, "duplicate import name `" + i.module() + ":" + i.name() + "`");
        }
        desc(i.desc(), types, at);
      } else {
        var e = (ModuleDecl.CoreExportDecl) d;
        if (!exports.add(e.name())) {
          throw Invalid.at(at, "export name `" + e.name() + "` already defined");
        }
        desc(e.desc(), types, at);
      }
    }
  }

  /** A concrete module imports each two-level name once. */
  public static void module(List<CoreModuleImport> moduleImports, long at)
      throws ComponentException {
    Set<String> imports = new HashSet<>();
    for (CoreModuleImport i : moduleImports) {
      if (!imports.add(i.module() + ":" + i.name())) {
        throw Invalid.at(at, "duplicate import name `" + i.module() + ":" + i.name() + "`");
      }
    }
  }

  private static void desc(CoreImportDesc d, List<CoreDefType> types, long at)
      throws ComponentException {
    Integer index = null;
    if (d instanceof CoreImportDesc.Func func) {
      index = func.typeIndex();
    } else if (d instanceof CoreImportDesc.Tag tag) {
      index = tag.typeIndex();
    } else if (d instanceof CoreImportDesc.Memory m) {
      if (!m.is64() && (m.min() > MAX_PAGES || (m.max() != null && m.max() > MAX_PAGES))) {
        throw Invalid.at(at, "memory size must be at most " + MAX_PAGES + " pages (4GiB)");
      }
      if (m.max() != null && m.max() < m.min()) {
        throw Invalid.at(at, "size minimum must not be greater than maximum");
      }
    } else if (d instanceof CoreImportDesc.Table t) {
      if (t.max() != null && t.max() < t.min()) {
        throw Invalid.at(at, "size minimum must not be greater than maximum");
      }
    }
    if (index != null) {
      if (index < 0 || index >= types.size()) {
        throw Invalid.at(at, "type index out of bounds: " + Integer.toUnsignedString(index));
      }
      if (!(types.get(index) instanceof CoreFuncType)) {
        throw Invalid.at(at, "type index " + index + " is not a function type");
      }
    }
  }
}
