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
      if (d instanceof Definition.CoreModuleDef def7) {
        f.coreModules.add(modules.get(def7));
      } else if (d instanceof Definition.CoreInstanceDef def6) {
        f.coreInstances.add(coreInstance(def6.expr(), f, at));
      } else if (d instanceof Definition.CoreTypeDef def5) {
        f.coreTypes.add(def5.type());
      } else if (d instanceof Definition.NestedComponentDef def4) {
        f.components.add(new ComponentClosure(def4.component(), f));
      } else if (d instanceof Definition.InstanceDef def3) {
        f.instances.add(instance(def3.expr(), f, at));
      } else if (d instanceof Definition.AliasDef def2) {
        alias(def2, f, at);
      } else if (d instanceof Definition.TypeDef def1) {
        DefType t = def1.type();
        if (t instanceof DefType.ResourceDef def) {
          f.types.add(defineResource(def, f, ast, at));
        } else {
          f.types.add(TypeEvaluator.eval(t, f, at));
        }
      } else if (d instanceof Definition.CanonDef def) {
        CanonEvaluator.define(def.canon(), f, at);
      } else if (d instanceof Definition.ImportDef imp) {
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
        addImport(imp.desc(), item, f, at);
      } else if (d instanceof Definition.ExportDef e) {
        Item item = f.item(e.item().sort(), e.item().index(), at);
        if (exports.put(e.name().name(), item) != null) {
          throw Errors.invalid(at, "duplicate export name \"" + e.name().name() + "\"");
        }
        f.add(e.item().sort(), item, at); // an export is a new index too (Binary.md, exports)
      } else if (d instanceof Definition.StartDef) {
        throw Errors.invalid(at, "component start functions (values) are not supported in 0.2");
      } else {
        throw Errors.invalid(at, "unsupported definition " + d.getClass().getSimpleName());
      }
    }
    return new InstanceExports(exports);
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

  private void addImport(ExternDesc desc, Item item, IndexSpaces f, long at)
      throws ComponentException {
    if (desc instanceof ExternDesc.FuncDesc) {
      f.add(Sort.FUNC, item, at);
    } else if (desc instanceof ExternDesc.InstanceDesc) {
      f.add(Sort.INSTANCE, item, at);
    } else if (desc instanceof ExternDesc.ComponentDesc) {
      f.add(Sort.COMPONENT, item, at);
    } else if (desc instanceof ExternDesc.CoreModuleDesc) {
      f.add(Sort.CORE_MODULE, item, at);
    } else if (desc instanceof ExternDesc.TypeDesc typeDesc) {
      TypeBound b = typeDesc.bound();
      if (b instanceof TypeBound.Eq eq) {
        f.types.add(IndexSpaces.at(f.types, eq.typeIndex(), "type", at));
      } else {
        Object t = IndexSpaces.expect(item, Item.Type.class, at).type();
        if (!(t instanceof ResourceType)) {
          throw Errors.unlinkable(at, "expected a resource type, found " + t);
        }
        f.types.add(t);
      }
    } else {
      throw Errors.unlinkable(at, "value imports are not supported in 0.2");
    }
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

  private void alias(Definition.AliasDef a, IndexSpaces f, long at) throws ComponentException {
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
    } else if (t instanceof AliasTarget.Export ex) {
      InstanceExports iv = IndexSpaces.at(f.instances, ex.instanceIndex(), "instance", at);
      Item item = iv.export(ex.name());
      if (item == null) {
        throw Errors.invalid(
            at, "instance " + ex.instanceIndex() + " has no export \"" + ex.name() + "\"");
      }
      f.add(a.sort(), item, at);
    } else {
      var o = (AliasTarget.Outer) t;
      IndexSpaces outer = f.outer(o.count(), at);
      switch (a.sort()) {
        case TYPE:
          f.types.add(IndexSpaces.at(outer.types, o.index(), "type", at));
          break;
        case CORE_TYPE:
          f.coreTypes.add(IndexSpaces.at(outer.coreTypes, o.index(), "core type", at));
          break;
        case CORE_MODULE:
          f.coreModules.add(IndexSpaces.at(outer.coreModules, o.index(), "core module", at));
          break;
        case COMPONENT:
          f.components.add(IndexSpaces.at(outer.components, o.index(), "component", at));
          break;
        default:
          throw Errors.invalid(at, "outer alias of sort " + a.sort() + " is not allowed");
      }
    }
  }
}
