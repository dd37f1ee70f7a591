package dev.wasihttp.component.internal.link;

import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.component.internal.binary.AliasTarget;
import dev.wasihttp.component.internal.binary.ComponentAst;
import dev.wasihttp.component.internal.binary.CoreInstanceExpr;
import dev.wasihttp.component.internal.binary.DefType;
import dev.wasihttp.component.internal.binary.Definition;
import dev.wasihttp.component.internal.binary.ExternDesc;
import dev.wasihttp.component.internal.binary.InstanceExpr;
import dev.wasihttp.component.internal.binary.Sort;
import dev.wasihttp.component.internal.binary.TypeBound;
import dev.wasihttp.component.internal.engine.CoreExtern;
import dev.wasihttp.component.internal.engine.CoreInstance;
import dev.wasihttp.component.internal.engine.CoreModule;
import dev.wasihttp.component.internal.engine.Engine;
import dev.wasihttp.component.types.ResourceType;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Instantiates a component: evaluates its definitions in binary order, each appending to the index
 * space of its sort, and returns its exports. Nested components are instantiated the same way with
 * their own {@link ComponentInstanceState} (own handle table).
 */
public final class Instantiator<T> {
  /** Supplies a root component's imports. */
  @FunctionalInterface
  interface ImportSupplier {
    Item supply(Definition.ImportDef imp, IndexSpaces spaces) throws ComponentException;
  }

  private final Store<T> store;
  private final ParsedCoreModules modules;
  private final boolean dry;
  private final Map<String, Item> rootImports = new LinkedHashMap<>();
  private final CoreLinkTypes coreTypes = new CoreLinkTypes();

  /**
   * @param dry link and type-check only: core modules are linked but not instantiated, so no guest
   *     code runs and the exports' functions trap when called
   */
  public Instantiator(Store<T> store, ParsedCoreModules modules, boolean dry) {
    this.store = store;
    this.modules = modules;
    this.dry = dry;
  }

  /** The root component's imports as they were supplied, in import order. */
  public Map<String, Item> rootImports() {
    return rootImports;
  }

  /** Instantiates a root component, its imports supplied by the host. */
  public InstanceExports instantiateRoot(ComponentAst ast, HostDefinitions<T> host)
      throws ComponentException {
    return run(ast, null, null, (imp, spaces) -> host.supply(imp, spaces, store), null);
  }

  /** Instantiates a nested component from inside the instance {@code creator}. */
  InstanceExports instantiateNested(
      ComponentClosure c, ComponentInstanceState creator, Map<String, Item> args)
      throws ComponentException {
    return run(c.ast(), c.definedIn(), creator, null, args);
  }

  private InstanceExports run(
      ComponentAst ast,
      IndexSpaces parent,
      ComponentInstanceState creator,
      ImportSupplier supplier,
      Map<String, Item> args)
      throws ComponentException {
    ComponentInstanceState state = new ComponentInstanceState(store, creator);
    IndexSpaces f = new IndexSpaces(parent, state);
    Map<String, Item> exports = new LinkedHashMap<>();
    for (Definition d : ast.definitions()) {
      long at = d.offset();
      // An expression, so that a kind of definition without a case here does not compile.
      Void defined =
          switch (d.kind()) {
            case CORE_MODULE ->
                IndexSpaces.append(f.coreModules, modules.get((Definition.CoreModuleDef) d));
            case CORE_INSTANCE ->
                IndexSpaces.append(
                    f.coreInstances, coreInstance(((Definition.CoreInstanceDef) d).expr(), f, at));
            case CORE_TYPE -> IndexSpaces.append(f.coreTypes, ((Definition.CoreTypeDef) d).type());
            case COMPONENT ->
                IndexSpaces.append(
                    f.components,
                    new ComponentClosure(((Definition.NestedComponentDef) d).component(), f));
            case INSTANCE ->
                IndexSpaces.append(
                    f.instances, instance(((Definition.InstanceDef) d).expr(), f, at));
            case ALIAS -> alias((Definition.AliasDef) d, f, at);
            case TYPE ->
                IndexSpaces.append(f.types, type(((Definition.TypeDef) d).type(), f, ast, at));
            case CANON -> CanonEvaluator.define(((Definition.CanonDef) d).canon(), f, at);
            case IMPORT -> importDef((Definition.ImportDef) d, f, supplier, args);
            case EXPORT -> exportDef((Definition.ExportDef) d, f, exports);
            case START ->
                throw Errors.invalid(
                    at, "component start functions (values) are not supported in 0.2");
          };
    }
    return new InstanceExports(exports);
  }

  /** A type definition: a new resource type, or the type the definition evaluates to. */
  private Object type(DefType t, IndexSpaces f, ComponentAst ast, long at)
      throws ComponentException {
    return t instanceof DefType.ResourceDef resource
        ? defineResource(resource, f, ast, at)
        : TypeEvaluator.eval(t, f, at);
  }

  /**
   * An import: of a nested component, the instantiation argument of that name (type-checked in the
   * dry run); of the root, what the supplier gives.
   */
  private Void importDef(
      Definition.ImportDef imp, IndexSpaces f, ImportSupplier supplier, Map<String, Item> args)
      throws ComponentException {
    long at = imp.offset();
    Item item;
    if (args != null) {
      item = args.get(imp.name().name());
      if (item == null) {
        throw Errors.invalid(at, "missing import named `" + imp.name().name() + "`");
      }
      if (dry) {
        Subtyping.checkArg(imp.desc(), item, f, imp.name().name(), at);
      }
    } else {
      item = supplier.supply(imp, f);
      rootImports.put(imp.name().name(), item);
    }
    return addImport(imp.desc(), item, f, at);
  }

  /** An export: named once, and a new index too (Binary.md, "Import and Export Definitions"). */
  private static Void exportDef(Definition.ExportDef e, IndexSpaces f, Map<String, Item> exports)
      throws ComponentException {
    long at = e.offset();
    Item item = f.item(e.item().sort(), e.item().index(), at);
    if (exports.put(e.name().name(), item) != null) {
      throw Errors.invalid(at, "duplicate export name \"" + e.name().name() + "\"");
    }
    f.add(e.item().sort(), item, at);
    return null;
  }

  private ResourceType defineResource(
      DefType.ResourceDef r, IndexSpaces f, ComponentAst ast, long at) throws ComponentException {
    // Named after the component-name section, for messages and WIT only.
    String name = ast.names() == null ? null : ast.names().name(Sort.TYPE, f.types.size());
    ResourceType t = ResourceType.guest(name == null ? "resource" : name);
    CoreExtern.Func dtor = null;
    if (r.destructorCoreFuncIndex() != null) {
      CoreExtern e = f.coreExtern(Sort.CORE_FUNC, r.destructorCoreFuncIndex(), at);
      dtor = (CoreExtern.Func) e;
      if (dtor.type() != null && !dtor.type().equals(CanonSignatures.DESTRUCTOR)) {
        throw Errors.invalid(
            at,
            "wrong signature for a destructor: "
                + dtor.type()
                + ", expected "
                + CanonSignatures.DESTRUCTOR);
      }
    }
    store.defineGuestResource(t, f.state, dtor == null ? null : Engine.trapping(dtor.function()));
    return t;
  }

  private static Void addImport(ExternDesc desc, Item item, IndexSpaces f, long at)
      throws ComponentException {
    return switch (desc.kind()) {
      case FUNC -> f.add(Sort.FUNC, item, at);
      case INSTANCE -> f.add(Sort.INSTANCE, item, at);
      case COMPONENT -> f.add(Sort.COMPONENT, item, at);
      case CORE_MODULE -> f.add(Sort.CORE_MODULE, item, at);
      case TYPE -> {
        if (((ExternDesc.TypeDesc) desc).bound() instanceof TypeBound.Eq eq) {
          yield IndexSpaces.append(f.types, IndexSpaces.at(f.types, eq.typeIndex(), "type", at));
        }
        Object t = IndexSpaces.expect(item, Item.Type.class, at).type();
        if (!(t instanceof ResourceType)) {
          throw Errors.unlinkable(at, "expected a resource type, found " + t);
        }
        yield IndexSpaces.append(f.types, t);
      }
      case VALUE, VALUE_EQ -> throw Errors.unlinkable(at, "value imports are not supported in 0.2");
    };
  }

  private CoreInstance coreInstance(CoreInstanceExpr expr, IndexSpaces f, long at)
      throws ComponentException {
    if (expr instanceof CoreInstanceExpr.FromExports exports) {
      Map<String, CoreExtern> bag = new LinkedHashMap<>();
      for (var e : exports.exports()) {
        bag.put(e.name(), f.coreExtern(e.item().sort(), e.item().index(), at));
      }
      return CoreInstance.of(bag);
    }
    var inst = (CoreInstanceExpr.Instantiate) expr;
    CoreModule module = IndexSpaces.at(f.coreModules, inst.moduleIndex(), "core module", at);
    Map<String, CoreInstance> args = new HashMap<>();
    for (var a : inst.args()) {
      args.put(a.name(), IndexSpaces.at(f.coreInstances, a.instanceIndex(), "core instance", at));
    }
    try {
      Engine.ImportResolver resolver =
          imp -> {
            CoreInstance from = args.get(imp.module());
            if (from == null) {
              throw Errors.unlinkable(
                  at, "core module import \"" + imp.module() + "\" has no argument");
            }
            CoreExtern e = from.export(imp.name());
            if (e == null) {
              throw Errors.unlinkable(
                  at,
                  "core instance \"" + imp.module() + "\" has no export \"" + imp.name() + "\"");
            }
            return e;
          };
      if (!dry) {
        return Engine.instantiate(module, resolver);
      }
      coreTypes.check(module, args, at);
      CoreInstance linked = Engine.link(module, resolver);
      coreTypes.instantiated(linked, module);
      return linked;
    } catch (ComponentException e) {
      throw dry
          ? asInvalid(e, at)
          : e.offset() >= 0 ? e : new ComponentException(e.kind(), at, e.detail(), e);
    }
  }

  private InstanceExports instance(InstanceExpr expr, IndexSpaces f, long at)
      throws ComponentException {
    if (expr instanceof InstanceExpr.FromExports exports) {
      Map<String, Item> bag = new LinkedHashMap<>();
      for (var e : exports.exports()) {
        bag.put(e.name().name(), f.item(e.item().sort(), e.item().index(), at));
      }
      return new InstanceExports(bag);
    }
    var inst = (InstanceExpr.Instantiate) expr;
    ComponentClosure c = IndexSpaces.at(f.components, inst.componentIndex(), "component", at);
    Map<String, Item> args = new HashMap<>();
    for (var a : inst.args()) {
      args.put(a.name(), f.item(a.item().sort(), a.item().index(), at));
    }
    if (!dry) {
      return instantiateNested(c, f.state, args);
    }
    try {
      return instantiateNested(c, f.state, args);
    } catch (ComponentException e) {
      throw asInvalid(e, at);
    }
  }

  /**
   * At load, a link error inside a component is a validation error: everything linked there is
   * defined by the component itself (Explainer.md, "Instance definitions").
   */
  private static ComponentException asInvalid(ComponentException e, long at) {
    if (e.kind() != ComponentException.Kind.UNLINKABLE) {
      return e;
    }
    return new ComponentException(
        ComponentException.Kind.INVALID, e.offset() >= 0 ? e.offset() : at, e.detail(), e);
  }

  private Void alias(Definition.AliasDef a, IndexSpaces f, long at) throws ComponentException {
    AliasTarget t = a.target();
    if (t instanceof AliasTarget.CoreExport ce) {
      CoreInstance ci =
          IndexSpaces.at(f.coreInstances, ce.coreInstanceIndex(), "core instance", at);
      CoreExtern e = ci.export(ce.name());
      if (e == null) {
        throw Errors.invalid(
            at, "core instance " + ce.coreInstanceIndex() + " has no export \"" + ce.name() + "\"");
      }
      f.addCoreExtern(a.sort(), e, at);
      if (dry) {
        coreTypes.aliased(e, ci, ce.name());
      }
      return null;
    }
    if (t instanceof AliasTarget.Export ex) {
      InstanceExports iv = IndexSpaces.at(f.instances, ex.instanceIndex(), "instance", at);
      Item item = iv.export(ex.name());
      if (item == null) {
        throw Errors.invalid(
            at, "instance " + ex.instanceIndex() + " has no export \"" + ex.name() + "\"");
      }
      return f.add(a.sort(), item, at);
    }
    var o = (AliasTarget.Outer) t;
    IndexSpaces outer = f.outer(o.count(), at);
    return switch (a.sort()) {
      case TYPE -> IndexSpaces.append(f.types, IndexSpaces.at(outer.types, o.index(), "type", at));
      case CORE_TYPE ->
          IndexSpaces.append(
              f.coreTypes, IndexSpaces.at(outer.coreTypes, o.index(), "core type", at));
      case CORE_MODULE ->
          IndexSpaces.append(
              f.coreModules, IndexSpaces.at(outer.coreModules, o.index(), "core module", at));
      case COMPONENT ->
          IndexSpaces.append(
              f.components, IndexSpaces.at(outer.components, o.index(), "component", at));
      case CORE_FUNC, CORE_TABLE, CORE_MEMORY, CORE_GLOBAL, CORE_TAG, CORE_INSTANCE ->
          outerSort(a, at);
      case FUNC, VALUE, INSTANCE -> outerSort(a, at);
    };
  }

  private static Void outerSort(Definition.AliasDef a, long at) throws ComponentException {
    throw Errors.invalid(at, "outer alias of sort " + a.sort() + " is not allowed");
  }
}
