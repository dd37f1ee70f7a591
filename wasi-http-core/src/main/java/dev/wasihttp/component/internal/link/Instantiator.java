package dev.wasihttp.component.internal.link;

import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.component.internal.binary.AliasTarget;
import dev.wasihttp.component.internal.binary.Canon;
import dev.wasihttp.component.internal.binary.ComponentAst;
import dev.wasihttp.component.internal.binary.CoreFuncType;
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
import java.util.List;
import java.util.Map;

/**
 * Instantiates a component: evaluates its definitions in binary order, each appending to the index
 * space of its sort, and returns its exports. Nested components are instantiated the same way with
 * their own {@link ComponentInstanceState} (own handle table).
 */
public final class Instantiator<T> {
  private final Store<T> store;
  private final ParsedCoreModules modules;
  private final boolean dry;
  // The root's precomputed definitions (null: evaluate every one), or the plan being recorded.
  private final LinkPlan<T> plan;
  private final Object[] recording;
  private final Map<String, Item> rootImports = new LinkedHashMap<>();
  private final CoreLinkTypes coreTypes = new CoreLinkTypes();

  /**
   * @param dry link and type-check only: core modules are linked but not instantiated, so no guest
   *     code runs and the exports' functions trap when called
   */
  public Instantiator(Store<T> store, ParsedCoreModules modules, boolean dry) {
    this(store, modules, dry, null, null);
  }

  /**
   * With {@code plan}, an instantiation that takes the root's precomputed definitions from it; with
   * {@code recording}, a dry run that records them there (see {@link LinkPlan}).
   */
  Instantiator(Store<T> store, ParsedCoreModules modules, LinkPlan<T> plan, Object[] recording) {
    this(store, modules, plan == null, plan, recording);
  }

  private Instantiator(
      Store<T> store,
      ParsedCoreModules modules,
      boolean dry,
      LinkPlan<T> plan,
      Object[] recording) {
    this.store = store;
    this.modules = modules;
    this.dry = dry;
    this.plan = plan;
    this.recording = recording;
  }

  /** The root component's imports as they were supplied, in import order. */
  public Map<String, Item> rootImports() {
    return rootImports;
  }

  /** Instantiates a root component, its imports supplied by the host. */
  public InstanceExports instantiateRoot(ComponentAst ast, HostDefinitions<T> host)
      throws ComponentException {
    return run(ast, null, null, host, null);
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
      HostDefinitions<T> host,
      Map<String, Item> args)
      throws ComponentException {
    ComponentInstanceState state = new ComponentInstanceState(store, creator);
    store.add(state);
    IndexSpaces f = new IndexSpaces(parent, state);
    Map<String, Item> exports = new LinkedHashMap<>();
    List<Definition> definitions = ast.definitions();
    for (int i = 0; i < definitions.size(); i++) {
      Definition d = definitions.get(i);
      long at = d.offset();
      // The plan covers the root's definitions only (host != null); -1 elsewhere.
      int step = host == null ? -1 : i;
      // An expression, so that a kind of definition without a case here does not compile.
      Void defined =
          switch (d.kind()) {
            case CORE_MODULE ->
                IndexSpaces.append(f.coreModules, modules.get((Definition.CoreModuleDef) d));
            case CORE_INSTANCE ->
                IndexSpaces.append(
                    f.coreInstances,
                    coreInstance(
                        ((Definition.CoreInstanceDef) d).expr(), f, at, linkedByPlan(step)));
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
                IndexSpaces.append(
                    f.types, type(((Definition.TypeDef) d).type(), f, ast, at, step));
            case CANON -> canon(((Definition.CanonDef) d).canon(), f, at, step);
            case IMPORT -> importDef((Definition.ImportDef) d, f, host, args, step);
            case EXPORT -> exportDef((Definition.ExportDef) d, f, exports);
            case START ->
                throw Errors.invalid(
                    at, "component start functions (values) are not supported in 0.2");
          };
    }
    return new InstanceExports(exports);
  }

  /** What the plan holds for root definition {@code step}, or null. */
  private Object fromPlan(int step) {
    return plan == null || step < 0 ? null : plan.step(step);
  }

  /** Whether root definition {@code step} was linked by the plan's dry run. */
  private boolean linkedByPlan(int step) {
    return plan != null && step >= 0;
  }

  /**
   * Records {@code value} for root definition {@code step} when making a plan, if it holds for
   * every instance: a value made from the index spaces' types only until a guest defines a resource
   * type (up to then, they hold the same types in all instances).
   */
  private void record(int step, Object value, boolean fromTypes) {
    if (recording != null && step >= 0 && !(fromTypes && store.definesGuestResources())) {
      recording[step] = value;
    }
  }

  /**
   * A type definition: a new resource type (each instance its own), or the type the definition
   * evaluates to.
   */
  private Object type(DefType t, IndexSpaces f, ComponentAst ast, long at, int step)
      throws ComponentException {
    if (t instanceof DefType.ResourceDef resource) {
      return defineResource(resource, f, ast, at);
    }
    Object planned = fromPlan(step);
    if (planned != null) {
      return planned;
    }
    Object type = TypeEvaluator.eval(t, f, at);
    if (!(type instanceof TypeClosure)) { // a closure holds this instance's index spaces
      record(step, type, true);
    }
    return type;
  }

  /**
   * A canonical definition; a lift or lower with a planned flattened signature skips the signature
   * checks the plan made.
   */
  private Void canon(Canon c, IndexSpaces f, long at, int step) throws ComponentException {
    CoreFuncType flat = (CoreFuncType) fromPlan(step);
    boolean checked = flat != null;
    if (!checked) {
      flat = CanonEvaluator.flatType(c, f, at);
      record(step, flat, false); // a flat signature depends on types' structure only
    }
    return CanonEvaluator.define(c, f, at, flat, checked);
  }

  /**
   * An import: of a nested component, the instantiation argument of that name (type-checked in the
   * dry run); of the root, what the host supplies (resolved once per plan).
   */
  @SuppressWarnings("unchecked") // a plan records its own host's imports
  private Void importDef(
      Definition.ImportDef imp,
      IndexSpaces f,
      HostDefinitions<T> host,
      Map<String, Item> args,
      int step)
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
      HostImport<T> resolved = (HostImport<T>) fromPlan(step);
      if (resolved == null) {
        resolved = host.resolve(imp, f);
        record(step, resolved, true);
      }
      item = resolved.bind(store);
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

  /**
   * A core instance definition; {@code planned} when the plan's dry run linked the same definition
   * with the same import kinds and types already.
   */
  private CoreInstance coreInstance(CoreInstanceExpr expr, IndexSpaces f, long at, boolean planned)
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
        return store.add(Engine.instantiate(module, resolver, planned, store.memoryLimiter()));
      }
      coreTypes.check(module, args, at);
      CoreInstance linked = Engine.link(module, resolver, store.memoryLimiter());
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
