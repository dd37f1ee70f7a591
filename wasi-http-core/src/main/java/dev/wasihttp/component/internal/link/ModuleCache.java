package dev.wasihttp.component.internal.link;

import dev.wasihttp.component.ComponentException;
import dev.wasihttp.component.internal.binary.ComponentAst;
import dev.wasihttp.component.internal.binary.Definition;
import dev.wasihttp.component.internal.engine.CoreModule;
import dev.wasihttp.component.internal.validate.CoreTypeRules;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The parsed core modules of one component, nested components included: parsed once when the
 * component is loaded, shared by every instance (they are immutable).
 */
public final class ModuleCache {
  private final Map<Definition.CoreModuleDef, CoreModule> modules;

  private ModuleCache(Map<Definition.CoreModuleDef, CoreModule> modules) {
    this.modules = Collections.unmodifiableMap(modules);
  }

  /** Parses and validates every core module in {@code ast}. */
  public static ModuleCache parseAll(ComponentAst ast) throws ComponentException {
    Map<Definition.CoreModuleDef, CoreModule> m = new IdentityHashMap<>();
    collect(ast, m);
    return new ModuleCache(m);
  }

  private static void collect(ComponentAst ast, Map<Definition.CoreModuleDef, CoreModule> m)
      throws ComponentException {
    for (Definition d : ast.definitions()) {
      if (d instanceof Definition.CoreModuleDef) {
        var def = (Definition.CoreModuleDef) d;
        CoreModule module = CoreModule.parse(def.bytes(), def.offset());
        CoreTypeRules.module(module, def.offset());
        m.put(def, module);
      } else if (d instanceof Definition.NestedComponentDef) {
        collect(((Definition.NestedComponentDef) d).component(), m);
      }
    }
  }

  CoreModule get(Definition.CoreModuleDef def) {
    return modules.get(def);
  }
}
