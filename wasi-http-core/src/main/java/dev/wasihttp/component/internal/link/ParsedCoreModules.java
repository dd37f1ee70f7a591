package dev.wasihttp.component.internal.link;

import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.component.internal.binary.ComponentAst;
import dev.wasihttp.component.internal.binary.Definition;
import dev.wasihttp.component.internal.engine.CoreModule;
import dev.wasihttp.component.internal.engine.SharedTypeIndices;
import dev.wasihttp.component.internal.validate.CoreTypeRules;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parsed core modules of one component, nested components included: parsed once when the
 * component is loaded, shared by every instance (they are immutable).
 */
public final class ParsedCoreModules {
  private final Map<Definition.CoreModuleDef, CoreModule> modules;

  private ParsedCoreModules(Map<Definition.CoreModuleDef, CoreModule> modules) {
    this.modules = Collections.unmodifiableMap(modules);
  }

  /**
   * Parses and validates every core module in {@code ast}, then gives them common indices for the
   * types of indirect calls and tags (their instances may share tables and tags: see {@link
   * SharedTypeIndices}).
   */
  public static ParsedCoreModules parseAll(ComponentAst ast) throws ComponentException {
    List<Definition.CoreModuleDef> defs = new ArrayList<>();
    collect(ast, defs);
    List<CoreModule> parsed = new ArrayList<>(defs.size());
    for (Definition.CoreModuleDef def : defs) {
      CoreModule module = CoreModule.parse(def.bytes(), def.offset());
      CoreTypeRules.module(module.imports(), def.offset());
      parsed.add(module);
    }
    List<CoreModule> shared = SharedTypeIndices.share(parsed);
    Map<Definition.CoreModuleDef, CoreModule> m = new IdentityHashMap<>();
    for (int i = 0; i < defs.size(); i++) {
      m.put(defs.get(i), shared.get(i));
    }
    return new ParsedCoreModules(m);
  }

  private static void collect(ComponentAst ast, List<Definition.CoreModuleDef> defs) {
    for (Definition d : ast.definitions()) {
      if (d instanceof Definition.CoreModuleDef def1) {
        defs.add(def1);
      } else if (d instanceof Definition.NestedComponentDef def) {
        collect(def.component(), defs);
      }
    }
  }

  CoreModule get(Definition.CoreModuleDef def) {
    return modules.get(def);
  }
}
