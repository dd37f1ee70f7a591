package dev.wasihttp.component;

import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.component.internal.binary.ComponentAst;
import dev.wasihttp.component.internal.binary.ComponentDecoder;
import dev.wasihttp.component.internal.engine.CompileCache;
import dev.wasihttp.component.internal.link.HostDefinitions;
import dev.wasihttp.component.internal.link.InstanceExports;
import dev.wasihttp.component.internal.link.Instantiator;
import dev.wasihttp.component.internal.link.Item;
import dev.wasihttp.component.internal.link.ParsedCoreModules;
import dev.wasihttp.component.internal.link.Store;
import dev.wasihttp.component.internal.validate.Validator;
import dev.wasihttp.component.internal.wit.WitPrinter;
import dev.wasihttp.component.types.FuncType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A decoded component: its definitions and its parsed, validated core modules. Immutable and safe
 * to share between threads; decode once, then link and instantiate many times through a {@link
 * Linker}.
 */
public final class Component {
  private final ComponentAst ast;
  private final ParsedCoreModules modules;
  private final Map<String, Item> imports;
  private final InstanceExports exports;
  private final EngineOptions engine;
  private final long coreFunctionCount;
  private final long interpretedFunctionCount;

  private Component(
      ComponentAst ast,
      ParsedCoreModules modules,
      Map<String, Item> imports,
      InstanceExports exports,
      EngineOptions engine) {
    this.ast = ast;
    this.modules = modules;
    this.imports = imports;
    this.exports = exports;
    this.engine = engine;
    // Constant once loaded: which functions are compiled is decided here, never later.
    this.coreFunctionCount = modules.functionCount();
    this.interpretedFunctionCount = modules.interpretedFunctionCount();
  }

  /**
   * Decodes a component binary, parses every core module in it, and validates it by linking it once
   * without running any guest code (every index, alias, core import and canonical function is
   * checked, and the component's type is computed).
   *
   * @throws ComponentException MALFORMED or INVALID, naming the byte offset
   */
  public static Component decode(byte[] bytes) throws ComponentException {
    return decode(bytes, EngineOptions.INTERPRETER);
  }

  /**
   * {@link #decode(byte[])}, run as {@code engine} says: in {@link EngineMode#COMPILER}, every core
   * module is also compiled to JVM bytecode, here and once, for every instance of the component.
   *
   * @throws ComponentException MALFORMED or INVALID, naming the byte offset; UNINSTANTIABLE when a
   *     core module cannot be compiled (with {@link EngineOptions#interpreterFallback()} off: a
   *     function too large to compile)
   */
  public static Component decode(byte[] bytes, EngineOptions engine) throws ComponentException {
    return decode(bytes, engine, null);
  }

  /**
   * {@link #decode(byte[], EngineOptions)} with the bytes' SHA-256 when the caller has it already
   * ({@link ComponentCache}); null to compute it here if the compiler's cache needs it.
   */
  static Component decode(byte[] bytes, EngineOptions engine, byte[] sha256)
      throws ComponentException {
    ComponentAst ast = ComponentDecoder.decode(bytes);
    Validator.validate(ast);
    CompileCache cache = engine.mode() == EngineMode.INTERPRETER ? null : compileCache(engine);
    byte[] digest = cache == null ? null : sha256 != null ? sha256 : sha256(bytes);
    // A module whose compiled classes are at hand was validated when they were made, from the
    // same bytes (the key names them): its function bodies are neither validated nor, but for
    // those the interpreter runs, parsed again.
    ParsedCoreModules modules =
        ParsedCoreModules.parseAll(ast, cache, digest, engine.interpreterFallback());
    Instantiator<Object> dry = new Instantiator<>(Store.dryRun(), modules, true);
    InstanceExports exports =
        dry.instantiateRoot(ast, new HostDefinitions<>(Map.of(), Map.of(), true));
    // Compiled after validation: an invalid component fails before paying for it.
    ParsedCoreModules run =
        switch (engine.mode()) {
          case INTERPRETER -> modules;
          case COMPILER, AUTO ->
              modules.compiled(
                  engine.interpreterFallback(),
                  cache,
                  digest,
                  engine.mode() == EngineMode.AUTO
                      ? EngineMode.AUTO_COMPILE_LIMIT
                      : Long.MAX_VALUE);
        };
    return new Component(
        ast,
        run,
        Collections.unmodifiableMap(new LinkedHashMap<>(dry.rootImports())),
        exports,
        engine);
  }

  /** The compile cache {@code engine} names, opened; the class path alone when it names none. */
  private static CompileCache compileCache(EngineOptions engine) throws ComponentException {
    if (engine.compileCache() == null) {
      return CompileCache.classPathOnly(); // what wasi-http compile put in a jar
    }
    try {
      return CompileCache.open(engine.compileCache());
    } catch (IOException e) {
      throw new ComponentException(
          ComponentException.Kind.UNINSTANTIABLE,
          "compile cache " + engine.compileCache() + " cannot be used: " + e.getMessage());
    }
  }

  /** The SHA-256 of {@code bytes}: the identity of a component's binary. */
  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** The options this component was loaded with. */
  public EngineOptions engineOptions() {
    return engine;
  }

  /**
   * The functions Chicory's compiler left to the interpreter, as {@code "core module at byte
   * OFFSET: func INDEX (NAME)"} (the name when the module has a name section), in binary order;
   * empty in {@link EngineMode#INTERPRETER}, where nothing is compiled. Besides the functions too
   * large to compile, the runtime leaves it every function that uses {@code table.fill} or {@code
   * table.init}: only there are their bounds checked right. {@link #interpretedFunctionCount()}
   * counts them, function by function.
   */
  public List<String> interpretedFunctions() {
    return modules.interpretedFunctions();
  }

  /**
   * How many core functions the component defines: the functions of all its core modules, nested
   * components' included, imports not counted. What {@link #interpretedFunctionCount()} is a part
   * of.
   */
  public long coreFunctionCount() {
    return coreFunctionCount;
  }

  /**
   * How many of the component's {@link #coreFunctionCount() core functions} run on Chicory's
   * interpreter: every one in {@link EngineMode#INTERPRETER}; in {@link EngineMode#COMPILER} and
   * {@link EngineMode#AUTO}, those {@link #interpretedFunctions()} names, a module that {@code
   * auto} left whole counting all its functions. 0 when everything runs compiled. Computed once,
   * when the component is loaded.
   */
  public long interpretedFunctionCount() {
    return interpretedFunctionCount;
  }

  /** The root export names, in export order. */
  public List<String> exportNames() {
    return new ArrayList<>(exports.exports().keySet());
  }

  /**
   * The type of function {@code name} in the exported instance {@code interfaceName}, matched
   * semver-compatibly as {@link ComponentInstance#func(String, String)} does, or null if the
   * component exports no such function.
   */
  public FuncType exportedFunc(String interfaceName, String name) {
    var f = exports.instanceFunc(exports.interfaceExport(interfaceName), name);
    return f == null ? null : f.type();
  }

  /**
   * The component's imports and exports as a WIT world, with the interfaces it imports and exports
   * spelled out.
   */
  public String wit() {
    return WitPrinter.print(imports, exports);
  }

  /** Reads and decodes the component at {@code path}. */
  public static Component load(Path path) throws IOException, ComponentException {
    return decode(Files.readAllBytes(path));
  }

  /** Reads and decodes the component at {@code path}, run as {@code engine} says. */
  public static Component load(Path path, EngineOptions engine)
      throws IOException, ComponentException {
    return decode(Files.readAllBytes(path), engine);
  }

  ComponentAst ast() {
    return ast;
  }

  ParsedCoreModules modules() {
    return modules;
  }
}
