package dev.wasihttp.component.internal.link;

import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.component.internal.binary.CoreDefType;
import dev.wasihttp.component.internal.binary.CoreFuncType;
import dev.wasihttp.component.internal.binary.CoreImportDesc;
import dev.wasihttp.component.internal.binary.CoreModuleExport;
import dev.wasihttp.component.internal.binary.CoreModuleImport;
import dev.wasihttp.component.internal.binary.ModuleDecl;
import dev.wasihttp.component.internal.engine.CoreModule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Core module subtyping, for a module passed where a {@code (core module (type ...))} is imported:
 * the module may import less than the type allows (each of its imports must be declared, with the
 * same kind and function type) and export more (each declared export must be there, alike).
 */
final class ModuleSubtyping {
  private ModuleSubtyping() {}

  /** What a module-type declaration says about one import or export. */
  private record Declared(String kind, CoreFuncType funcType) {}

  static void check(
      CoreDefType.ModuleType type, List<Object> outerCoreTypes, CoreModule module, long at)
      throws ComponentException {
    List<CoreDefType> types = new ArrayList<>();
    Map<String, Declared> imports = new HashMap<>();
    Map<String, Declared> exports = new HashMap<>();
    for (ModuleDecl d : type.decls()) {
      if (d instanceof ModuleDecl.CoreTypeDeclInModule inModule) {
        types.add(inModule.type());
      } else if (d instanceof ModuleDecl.CoreOuterAlias alias) {
        int i = alias.index();
        Object t = i >= 0 && i < outerCoreTypes.size() ? outerCoreTypes.get(i) : null;
        types.add(t instanceof CoreDefType cdt ? cdt : null);
      } else if (d instanceof ModuleDecl.CoreImportDecl imp) {
        imports.put(imp.module() + "::" + imp.name(), declared(imp.desc(), types));
      } else {
        var e = (ModuleDecl.CoreExportDecl) d;
        exports.put(e.name(), declared(e.desc(), types));
      }
    }
    for (CoreModuleImport imp : module.imports()) {
      String name = imp.module() + "::" + imp.name();
      Declared want = imports.get(name);
      if (want == null) {
        throw Errors.invalid(at, "module instantiation: missing expected import `" + name + "`");
      }
      if (!matches(want, imp.kind(), imp.funcType())) {
        throw Errors.invalid(at, "module instantiation: type mismatch in import `" + name + "`");
      }
    }
    for (Map.Entry<String, Declared> e : exports.entrySet()) {
      CoreModuleExport have = module.export(e.getKey());
      if (have == null) {
        throw Errors.invalid(
            at, "module instantiation: missing expected export `" + e.getKey() + "`");
      }
      if (!matches(e.getValue(), have.kind(), have.funcType())) {
        throw Errors.invalid(
            at, "module instantiation: type mismatch in export `" + e.getKey() + "`");
      }
    }
  }

  private static boolean matches(Declared want, String kind, CoreFuncType funcType) {
    if (!want.kind().equals(kind)) {
      return false;
    }
    return want.funcType() == null || funcType == null || want.funcType().equals(funcType);
  }

  private static Declared declared(CoreImportDesc d, List<CoreDefType> types) {
    if (d instanceof CoreImportDesc.Func func) {
      int i = func.typeIndex();
      CoreDefType t = i >= 0 && i < types.size() ? types.get(i) : null;
      CoreFuncType ft = null;
      if (t instanceof CoreFuncType f) {
        ft = f;
      }
      return new Declared("func", ft);
    }
    String kind =
        d instanceof CoreImportDesc.Table
            ? "table"
            : d instanceof CoreImportDesc.Memory
                ? "memory"
                : d instanceof CoreImportDesc.Global ? "global" : "tag";
    return new Declared(kind, null);
  }
}
