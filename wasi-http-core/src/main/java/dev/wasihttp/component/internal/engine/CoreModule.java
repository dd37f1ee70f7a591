package dev.wasihttp.component.internal.engine;

import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.MalformedException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.CustomSection;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.Import;
import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.component.internal.binary.CoreFuncType;
import dev.wasihttp.component.internal.binary.CoreModuleExport;
import dev.wasihttp.component.internal.binary.CoreModuleImport;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed and validated core module. Immutable and shareable across threads: parse once per
 * component, instantiate many times. Its imports and exports are described in the runtime's words
 * ({@link CoreModuleImport}, {@link CoreModuleExport}), for validation and linking.
 */
public final class CoreModule {
  /** The module as parsed, or with shared type indices ({@link SharedTypeIndices}). */
  final WasmModule module;

  private final List<CoreModuleImport> imports;
  private final List<CoreModuleExport> exports;

  /** {@link #prepared()}: computed on first instantiation, then shared by all instances. */
  private volatile PreparedModule prepared;

  /** Left to the interpreter whole by {@link #compiledIfCached}. */
  private final boolean leftToInterpreter;

  /**
   * The compiled classes found in a cache when the module was parsed, or null; with them, the
   * module holds only the bodies of the functions left to the interpreter ({@link FunctionBodies}).
   */
  private final CompiledCode.Classes cached;

  CoreModule(WasmModule module) {
    this(module, null, false, null);
  }

  private CoreModule(WasmModule module, PreparedModule prepared) {
    this(module, prepared, false, null);
  }

  private CoreModule(
      WasmModule module,
      PreparedModule prepared,
      boolean leftToInterpreter,
      CompiledCode.Classes cached) {
    this.module = module;
    this.prepared = prepared;
    this.leftToInterpreter = leftToInterpreter;
    this.cached = cached;
    List<CoreModuleImport> is = new ArrayList<>();
    var section = module.importSection();
    for (int i = 0; i < section.importCount(); i++) {
      Import imp = section.getImport(i);
      CoreFuncType ft =
          imp instanceof FunctionImport fi
              ? ChicoryTypes.funcType(module.typeSection().getType(fi.typeIndex()))
              : null;
      String name = imp.name().equals(EmptyImportNames.SENTINEL) ? "" : imp.name();
      is.add(new CoreModuleImport(imp.module(), name, kindName(imp.importType()), ft));
    }
    this.imports = List.copyOf(is);
    List<CoreModuleExport> es = new ArrayList<>();
    var exportSection = module.exportSection();
    for (int i = 0; i < exportSection.exportCount(); i++) {
      Export e = exportSection.getExport(i);
      CoreFuncType ft =
          e.exportType() == ExternalType.FUNCTION ? funcType(module, e.index()) : null;
      es.add(new CoreModuleExport(e.name(), kindName(e.exportType()), ft));
    }
    this.exports = List.copyOf(es);
  }

  private static CoreFuncType funcType(WasmModule module, int funcIndex) {
    int imported = 0;
    var section = module.importSection();
    for (int i = 0; i < section.importCount(); i++) {
      Import imp = section.getImport(i);
      if (imp instanceof FunctionImport import1) {
        if (imported == funcIndex) {
          return ChicoryTypes.funcType(module.typeSection().getType(import1.typeIndex()));
        }
        imported++;
      }
    }
    int typeIndex = module.functionSection().getFunctionType(funcIndex - imported);
    return ChicoryTypes.funcType(module.typeSection().getType(typeIndex));
  }

  /** A builder holding every section of {@code m}, for a variant of an already validated module. */
  static WasmModule.Builder copy(WasmModule m) {
    WasmModule.Builder out =
        WasmModule.builder()
            .withValidation(false)
            .setTypeSection(m.typeSection())
            .setImportSection(m.importSection())
            .setFunctionSection(m.functionSection())
            .setTableSection(m.tableSection())
            .setGlobalSection(m.globalSection())
            .setExportSection(m.exportSection())
            .setElementSection(m.elementSection())
            .setCodeSection(m.codeSection())
            .setDataSection(m.dataSection());
    m.memorySection().ifPresent(out::setMemorySection);
    m.startSection().ifPresent(out::setStartSection);
    m.dataCountSection().ifPresent(out::setDataCountSection);
    m.tagSection().ifPresent(out::setTagSection);
    for (CustomSection c : m.customSections()) {
      out.addCustomSection(c.name(), c);
    }
    for (int id : m.ignoredSections()) {
      out.addIgnoredSection(id);
    }
    return out;
  }

  static String kindName(ExternalType t) {
    return switch (t) {
      case FUNCTION -> "func";
      case TABLE -> "table";
      case MEMORY -> "memory";
      case GLOBAL -> "global";
      case TAG -> "tag";
    };
  }

  /**
   * Parses and validates a core module embedded in a component at byte {@code offset}.
   *
   * @throws ComponentException MALFORMED or INVALID, naming the module's offset
   */
  public static CoreModule parse(byte[] bytes, long offset) throws ComponentException {
    return new CoreModule(parseModule(EmptyImportNames.rewrite(bytes), offset, true));
  }

  /**
   * {@link #parse(byte[], long)} for a module whose compiled classes {@code cache} may hold under
   * {@code key}. With them at hand, the module's function bodies are not validated again (they were
   * when the classes were made, from the bytes the key names) and only the bodies of the functions
   * left to the interpreter are parsed: {@link #compiled} and {@link #compiledIfCached} then run
   * those classes. Without them, the module is parsed and validated in full.
   *
   * @throws ComponentException MALFORMED or INVALID, naming the module's offset
   */
  public static CoreModule parse(byte[] bytes, long offset, CompileCache cache, String key)
      throws ComponentException {
    CompiledCode.Classes classes = cache == null ? null : CompiledCode.Classes.load(cache, key);
    if (classes == null) {
      return parse(bytes, offset);
    }
    byte[] rewritten = EmptyImportNames.rewrite(bytes);
    WasmModule module =
        parseModule(FunctionBodies.keepOnly(rewritten, classes.interpreted), offset, false);
    if (SharedTypeIndices.readsBodies(module)) {
      // Its indirect calls decide the indices shared with other modules: every body is needed.
      module = parseModule(rewritten, offset, false);
    }
    return new CoreModule(module, null, false, classes);
  }

  /**
   * The module in {@code rewritten}; {@code validate} false skips validating the function bodies
   * (most of the time a large module takes to load), for bytes validated before.
   */
  private static WasmModule parseModule(byte[] rewritten, long offset, boolean validate)
      throws ComponentException {
    WasmModule module;
    try {
      module =
          validate
              ? Parser.parse(rewritten)
              : Parser.builder()
                  .withValidation(false)
                  .build()
                  .parse(() -> new ByteArrayInputStream(rewritten));
    } catch (MalformedException e) {
      throw new ComponentException(
          ComponentException.Kind.MALFORMED, offset, "core module: " + e.getMessage(), e);
    } catch (ChicoryException | IllegalArgumentException | IndexOutOfBoundsException e) {
      throw new ComponentException(
          ComponentException.Kind.INVALID, offset, "core module: " + e.getMessage(), e);
    }
    refuseSharedMemory(module, offset);
    return module;
  }

  /** This module as {@code rewritten} (the same functions, other indices), keeping its classes. */
  CoreModule rewritten(WasmModule rewritten) {
    return new CoreModule(rewritten, null, false, cached);
  }

  /**
   * A module that defines a shared memory is refused: a component instance runs on one thread, and
   * Chicory 1.7.5's shared memory ({@code ByteArrayMemory}) checks the bounds of bulk accesses with
   * an int sum that overflows, so {@code memory.fill}, {@code memory.copy} and {@code memory.init}
   * near 2^31 escape as Java exceptions. Every other memory is a {@link LinearMemory}.
   */
  private static void refuseSharedMemory(WasmModule module, long offset) throws ComponentException {
    var section = module.memorySection();
    for (int i = 0; section.isPresent() && i < section.get().memoryCount(); i++) {
      if (section.get().getMemory(i).limits().shared()) {
        throw new ComponentException(
            ComponentException.Kind.INVALID,
            offset,
            "core module: memory "
                + (module.importSection().count(ExternalType.MEMORY) + i)
                + " is shared (threads), which this runtime does not run: a component instance"
                + " has one thread, and the engine's shared memories check bounds unsafely");
      }
    }
  }

  /**
   * This module with its functions compiled to JVM bytecode once, now, for every instance
   * (Chicory's compiler); {@code fallback} lets the compiler leave a function it cannot compile
   * (one too large for a JVM method) to the interpreter, else such a function fails the
   * compilation.
   *
   * @throws ComponentException UNINSTANTIABLE when a function cannot be compiled and {@code
   *     fallback} is off, or the compiler fails; naming the module's offset
   */
  public CoreModule compiled(
      boolean fallback, long offset, CompileCache cache, byte[] componentSha256)
      throws ComponentException {
    if (cached != null) {
      return new CoreModule(module, prepared().withCode(cached.bind(prepared().module)));
    }
    try {
      String key = cache == null ? null : CompileCache.key(componentSha256, offset, fallback);
      return new CoreModule(module, prepared().compiled(fallback, cache, key));
    } catch (ChicoryException | IllegalArgumentException | IllegalStateException e) {
      throw new ComponentException(
          ComponentException.Kind.UNINSTANTIABLE,
          offset,
          "core module cannot be compiled: " + e.getMessage(),
          e);
    }
  }

  /**
   * This module with the compiled classes {@code cache} holds for it (from an earlier load, or a
   * jar of {@code wasi-http compile} on the class path); without them, the module as it is, every
   * function interpreted and listed by {@link #interpretedFunctions}. Compiles nothing.
   */
  public CoreModule compiledIfCached(
      boolean fallback, long offset, CompileCache cache, byte[] componentSha256) {
    PreparedModule p = prepared();
    CompiledCode code =
        cached != null
            ? cached.bind(p.module)
            : CompiledCode.load(
                p.module, cache, CompileCache.key(componentSha256, offset, fallback));
    return code != null
        ? new CoreModule(module, p.withCode(code))
        : new CoreModule(module, p, true, null);
  }

  /**
   * The functions the compiler left to the interpreter ({@link #compiled}: those too large to
   * compile, and those a {@link BoundsGuard} must see), as {@code "func INDEX"} or {@code "func
   * INDEX (NAME)"}; empty when the module is not compiled.
   */
  public List<String> interpretedFunctions() {
    if (leftToInterpreter) {
      return List.of(
          "all "
              + module.functionSection().functionCount()
              + " functions (too large to compile at load: compile it ahead with wasi-http"
              + " compile, or load it once in compiler mode with a compile cache)");
    }
    PreparedModule p = prepared;
    return p == null || p.compiled == null ? List.of() : p.compiled.interpreted;
  }

  /** How many functions this module defines (its imports not counted). */
  public int functionCount() {
    return module.functionSection().functionCount();
  }

  /**
   * How many of this module's {@link #functionCount() functions} run on the interpreter: every one
   * when the module is not compiled (or was left whole by {@link #compiledIfCached}), else those
   * {@link #interpretedFunctions} names.
   */
  public int interpretedFunctionCount() {
    PreparedModule p = prepared;
    return leftToInterpreter || p == null || p.compiled == null
        ? functionCount()
        : p.compiled.interpreted.size();
  }

  /** Whether instances of this module run compiled code ({@link #compiled}). */
  public boolean isCompiled() {
    PreparedModule p = prepared;
    return p != null && p.compiled != null;
  }

  /** The module as it is instantiated ({@link PreparedModule}). */
  PreparedModule prepared() {
    PreparedModule p = prepared;
    if (p == null) {
      // Racing threads compute equal results; any one of them may be kept.
      prepared = p = PreparedModule.of(module);
    }
    return p;
  }

  public List<CoreModuleImport> imports() {
    return imports;
  }

  List<CoreModuleExport> exports() {
    return exports;
  }

  /** The export named {@code name}, or null. */
  public CoreModuleExport export(String name) {
    for (CoreModuleExport e : exports) {
      if (e.name().equals(name)) {
        return e;
      }
    }
    return null;
  }
}
