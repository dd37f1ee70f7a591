package dev.wasihttp.component.internal.link;

import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.component.internal.binary.ComponentAst;
import dev.wasihttp.component.internal.binary.Definition;
import dev.wasihttp.component.internal.engine.CompileCache;
import dev.wasihttp.component.internal.engine.CoreModule;
import dev.wasihttp.component.internal.engine.SharedTypeIndices;
import dev.wasihttp.component.internal.validate.CoreTypeRules;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
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
    return parseAll(ast, null, null, false);
  }

  /**
   * {@link #parseAll(ComponentAst)}, where a module whose compiled classes {@code cache} holds (for
   * the component whose bytes hash to {@code componentSha256}, compiled with {@code fallback}) is
   * parsed with those classes: its bodies not validated again, and only those the interpreter runs
   * parsed (see {@link CoreModule#parse(byte[], long, CompileCache, String)}).
   */
  public static ParsedCoreModules parseAll(
      ComponentAst ast, CompileCache cache, byte[] componentSha256, boolean fallback)
      throws ComponentException {
    List<Definition.CoreModuleDef> defs = new ArrayList<>();
    collect(ast, defs);
    List<CoreModule> parsed = new ArrayList<>(defs.size());
    for (Definition.CoreModuleDef def : defs) {
      CoreModule module =
          cache == null
              ? CoreModule.parse(def.bytes(), def.offset())
              : CoreModule.parse(
                  def.bytes(),
                  def.offset(),
                  cache,
                  CompileCache.key(componentSha256, def.offset(), fallback));
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

  /**
   * These modules compiled to JVM bytecode, once for every instance ({@link CoreModule#compiled});
   * {@code fallback} lets the compiler leave a function it cannot compile to the interpreter;
   * {@code cache} (or null) keeps them for the component whose bytes hash to {@code
   * componentSha256}.
   */
  public ParsedCoreModules compiled(
      boolean fallback, CompileCache cache, byte[] componentSha256, long compileLimit)
      throws ComponentException {
    Map<Definition.CoreModuleDef, CoreModule> m = new IdentityHashMap<>();
    for (Map.Entry<Definition.CoreModuleDef, CoreModule> e : modules.entrySet()) {
      long offset = e.getKey().offset();
      CoreModule module = e.getValue();
      m.put(
          e.getKey(),
          codeSize(e.getKey().bytes()) <= compileLimit
              ? module.compiled(fallback, offset, cache, componentSha256)
              : module.compiledIfCached(fallback, offset, cache, componentSha256));
    }
    return new ParsedCoreModules(m);
  }

  /** The size of a core module's code section (Core spec, "Code Section": id 10), or 0. */
  static long codeSize(byte[] module) {
    int at = 8; // magic and version
    while (at < module.length) {
      int id = module[at++] & 0xff;
      long size = 0;
      for (int shift = 0; at < module.length; shift += 7) {
        int b = module[at++] & 0xff;
        size |= (long) (b & 0x7f) << shift;
        if (b < 0x80) {
          break;
        }
      }
      if (id == 10) {
        return size;
      }
      at += (int) Math.min(size, module.length);
    }
    return 0;
  }

  /**
   * The functions the compiler left to the interpreter, in binary order, as {@code "core module at
   * byte OFFSET: func INDEX (NAME)"}; empty when the modules are not compiled.
   */
  public List<String> interpretedFunctions() {
    List<String> out = new ArrayList<>();
    modules.entrySet().stream()
        .sorted(Comparator.comparingLong(e -> e.getKey().offset()))
        .forEach(
            e -> {
              for (String f : e.getValue().interpretedFunctions()) {
                out.add("core module at byte " + e.getKey().offset() + ": " + f);
              }
            });
    return List.copyOf(out);
  }

  /** How many functions these modules define, summed (their imports not counted). */
  public long functionCount() {
    long n = 0;
    for (CoreModule m : modules.values()) {
      n += m.functionCount();
    }
    return n;
  }

  /**
   * How many of {@link #functionCount()} run on the interpreter, summed: every function of a module
   * that is not compiled, and those the compiler left in one that is.
   */
  public long interpretedFunctionCount() {
    long n = 0;
    for (CoreModule m : modules.values()) {
      n += m.interpretedFunctionCount();
    }
    return n;
  }

  CoreModule get(Definition.CoreModuleDef def) {
    return modules.get(def);
  }
}
