package dev.wasihttp.component.internal.link;

import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.component.internal.binary.CoreModuleImport;
import dev.wasihttp.component.internal.engine.CoreExtern;
import dev.wasihttp.component.internal.engine.CoreExternType;
import dev.wasihttp.component.internal.engine.CoreInstance;
import dev.wasihttp.component.internal.engine.CoreModule;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * At load, core instances are linked but not run, so their globals, tables and memories do not
 * exist yet: this remembers which module each one was declared by, so that a core import can be
 * matched against the declared type of what it is given (core spec, "Import Subtyping").
 */
final class CoreLinkTypes {
  private final Map<CoreInstance, CoreModule> instances = new IdentityHashMap<>();
  private final Map<CoreExtern, CoreExternType> externs = new IdentityHashMap<>();

  /** {@code instance} was made by instantiating {@code module}. */
  void instantiated(CoreInstance instance, CoreModule module) {
    instances.put(instance, module);
  }

  /** {@code e} was aliased as export {@code name} of {@code from}. */
  void aliased(CoreExtern e, CoreInstance from, String name) {
    CoreExternType t = typeOf(from, name, null);
    if (t != null) {
      externs.put(e, t);
    }
  }

  /** Checks the global, table and memory imports of {@code module} against {@code args}. */
  void check(CoreModule module, Map<String, CoreInstance> args, long at) throws ComponentException {
    List<CoreModuleImport> imports = module.imports();
    for (int i = 0; i < imports.size(); i++) {
      CoreModuleImport imp = imports.get(i);
      CoreInstance from = args.get(imp.module());
      CoreExtern e = from == null ? null : from.export(imp.name());
      CoreExternType want = CoreExternType.ofImport(module, i);
      CoreExternType have = e == null || want == null ? null : typeOf(from, imp.name(), e);
      String why = have == null ? null : want.mismatch(have);
      if (why != null) {
        throw Errors.invalid(
            at,
            "core import \""
                + imp.module()
                + "\" \""
                + imp.name()
                + "\": "
                + why
                + " (expected "
                + want
                + ", found "
                + have
                + ")");
      }
    }
  }

  private CoreExternType typeOf(CoreInstance from, String name, CoreExtern e) {
    CoreModule m = instances.get(from);
    if (m != null) {
      return CoreExternType.ofExport(m, name);
    }
    return e == null ? null : externs.get(e);
  }
}
