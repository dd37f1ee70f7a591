package dev.wasihttp.component;

import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.component.internal.binary.ComponentAst;
import dev.wasihttp.component.internal.binary.ComponentDecoder;
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

  private Component(
      ComponentAst ast,
      ParsedCoreModules modules,
      Map<String, Item> imports,
      InstanceExports exports) {
    this.ast = ast;
    this.modules = modules;
    this.imports = imports;
    this.exports = exports;
  }

  /**
   * Decodes a component binary, parses every core module in it, and validates it by linking it once
   * without running any guest code (every index, alias, core import and canonical function is
   * checked, and the component's type is computed).
   *
   * @throws ComponentException MALFORMED or INVALID, naming the byte offset
   */
  public static Component decode(byte[] bytes) throws ComponentException {
    ComponentAst ast = ComponentDecoder.decode(bytes);
    Validator.validate(ast);
    ParsedCoreModules modules = ParsedCoreModules.parseAll(ast);
    Instantiator<Object> dry =
        new Instantiator<>(new Store<>(null, Store.Limits.DEFAULT), modules, true);
    InstanceExports exports =
        dry.instantiateRoot(ast, new HostDefinitions<>(Map.of(), Map.of(), true));
    return new Component(
        ast, modules, Collections.unmodifiableMap(new LinkedHashMap<>(dry.rootImports())), exports);
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

  ComponentAst ast() {
    return ast;
  }

  ParsedCoreModules modules() {
    return modules;
  }
}
