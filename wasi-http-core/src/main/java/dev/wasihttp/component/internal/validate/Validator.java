package dev.wasihttp.component.internal.validate;

import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.component.internal.binary.AliasTarget;
import dev.wasihttp.component.internal.binary.ComponentAst;
import dev.wasihttp.component.internal.binary.CoreDefType;
import dev.wasihttp.component.internal.binary.CoreInstanceExpr;
import dev.wasihttp.component.internal.binary.Decl;
import dev.wasihttp.component.internal.binary.DefType;
import dev.wasihttp.component.internal.binary.Definition;
import dev.wasihttp.component.internal.binary.InstanceExpr;
import dev.wasihttp.component.internal.binary.Sort;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Load-time validation of a component and everything nested in it, whether or not it is ever
 * instantiated: index spaces, names, type definitions, aliases and canonical options, each error
 * naming the offset of the definition at fault. Runs before the dry-run link, which then checks
 * what depends on values (core module imports, instantiation arguments).
 */
public final class Validator {
  private Validator() {}

  /** Validates a root component. */
  public static void validate(ComponentAst ast) throws ComponentException {
    component(ast, null);
  }

  private static Scope component(ComponentAst ast, Scope parent) throws ComponentException {
    Scope s = new Scope(parent, Scope.Kind.COMPONENT);
    for (Definition d : ast.definitions()) {
      long at = d.offset();
      // An expression, so that a kind of definition without a case here does not compile.
      Void checked =
          switch (d.kind()) {
            case CORE_MODULE -> s.add(Sort.CORE_MODULE);
            case CORE_INSTANCE -> coreInstance(((Definition.CoreInstanceDef) d).expr(), s, at);
            case CORE_TYPE -> coreType(((Definition.CoreTypeDef) d).type(), s, at);
            case COMPONENT -> nested(((Definition.NestedComponentDef) d).component(), s);
            case INSTANCE -> instance(((Definition.InstanceDef) d).expr(), s, at);
            case ALIAS ->
                alias(((Definition.AliasDef) d).sort(), ((Definition.AliasDef) d).target(), s, at);
            case TYPE -> Scope.append(s.types, defType(((Definition.TypeDef) d).type(), s, at));
            case CANON -> CanonRules.define(((Definition.CanonDef) d).canon(), s, at);
            case IMPORT -> {
              Definition.ImportDef imp = (Definition.ImportDef) d;
              yield Externs.declare(
                  s, true, imp.name(), Externs.desc(imp.desc(), imp.name(), s, at), at);
            }
            case EXPORT -> export((Definition.ExportDef) d, s);
            case START -> start((Definition.StartDef) d, s);
          };
    }
    return s;
  }

  /** A nested component: its imported and defined resources are fresh for each instance. */
  private static Void nested(ComponentAst ast, Scope s) throws ComponentException {
    Scope inner = component(ast, s);
    inner.bound.addAll(inner.local);
    s.components.add(new VType.Comp(inner.imports, inner.exports, inner.bound, inner.minted));
    return null;
  }

  private static Void export(Definition.ExportDef e, Scope s) throws ComponentException {
    long at = e.offset();
    VType t = s.item(e.item().sort(), e.item().index(), at);
    Sort sort = e.item().sort();
    if (sort.isCore() && sort != Sort.CORE_MODULE) {
      throw Invalid.at(at, "a " + sort.text() + " cannot be exported from a component");
    }
    if (e.ascribed() != null) {
      VType.Extern ascribed = Externs.desc(e.ascribed(), e.name(), s, at);
      if (ascribed.sort() != sort) {
        throw Invalid.at(
            at,
            "ascribed type of export is not compatible: expected "
                + ascribed.sort().text()
                + ", found "
                + sort.text());
      }
      Ascription.check(ascribed, t, at);
      // The ascribed type is what the export is seen as; a (sub resource) hides the resource.
      if (sort != Sort.TYPE || ascribed.type() instanceof VType.Resource) {
        t = ascribed.type();
      }
    }
    return Externs.declare(s, false, e.name(), new VType.Extern(sort, t), at);
  }

  private static Void start(Definition.StartDef start, Scope s) throws ComponentException {
    long at = start.offset();
    s.check(Sort.FUNC, start.funcIndex(), at);
    for (int v : start.args()) {
      s.check(Sort.VALUE, v, at);
    }
    for (int i = 0; i < start.resultCount(); i++) {
      s.add(Sort.VALUE);
    }
    return null;
  }

  private static Void coreType(CoreDefType t, Scope s, long at) throws ComponentException {
    if (t instanceof CoreDefType.ModuleType type) {
      CoreTypeRules.moduleType(type, s, at);
    }
    return Scope.append(s.coreTypes, t);
  }

  private static Void coreInstance(CoreInstanceExpr expr, Scope s, long at)
      throws ComponentException {
    if (expr instanceof CoreInstanceExpr.Instantiate inst) {
      s.check(Sort.CORE_MODULE, inst.moduleIndex(), at);
      Set<String> names = new HashSet<>();
      for (var a : inst.args()) {
        if (!names.add(a.name())) {
          throw Invalid.at(at, "duplicate module instantiation argument named `" + a.name() + "`");
        }
        s.check(Sort.CORE_INSTANCE, a.instanceIndex(), at);
      }
    } else {
      Set<String> names = new HashSet<>();
      for (var e : ((CoreInstanceExpr.FromExports) expr).exports()) {
        if (!names.add(e.name())) {
          throw Invalid.at(at, "export name `" + e.name() + "` already defined");
        }
        s.check(e.item().sort(), e.item().index(), at);
      }
    }
    return s.add(Sort.CORE_INSTANCE);
  }

  private static Void instance(InstanceExpr expr, Scope s, long at) throws ComponentException {
    if (expr instanceof InstanceExpr.Instantiate inst) {
      VType c = s.item(Sort.COMPONENT, inst.componentIndex(), at);
      Map<String, VType> args = new HashMap<>();
      for (var a : inst.args()) {
        if (args.containsKey(a.name())) {
          throw Invalid.at(
              at,
              "instantiation argument `"
                  + a.name()
                  + "` conflicts with previous argument `"
                  + a.name()
                  + "`");
        }
        args.put(a.name(), s.item(a.item().sort(), a.item().index(), at));
      }
      if (!(c instanceof VType.Comp comp)) {
        return Scope.append(s.instances, VType.UNKNOWN);
      }
      for (String name : comp.imports().keySet()) {
        if (!args.containsKey(name)) {
          throw Invalid.at(at, "missing import named `" + name + "`");
        }
      }
      return Scope.append(s.instances, Substitution.instantiate(comp, args, at));
    }
    Scope bag = new Scope(s, Scope.Kind.INSTANCE_TYPE);
    for (var e : ((InstanceExpr.FromExports) expr).exports()) {
      VType t = s.item(e.item().sort(), e.item().index(), at);
      if (e.item().sort().isCore() && e.item().sort() != Sort.CORE_MODULE) {
        throw Invalid.at(
            at, "a " + e.item().sort().text() + " cannot be exported from an instance");
      }
      Externs.declare(bag, false, e.name(), new VType.Extern(e.item().sort(), t), at);
    }
    return Scope.append(s.instances, new VType.Instance(bag.exports, bag.bound, bag.minted));
  }

  private static Void alias(Sort sort, AliasTarget t, Scope s, long at) throws ComponentException {
    if (t instanceof AliasTarget.CoreExport export) {
      s.check(Sort.CORE_INSTANCE, export.coreInstanceIndex(), at);
      return s.push(sort, VType.UNKNOWN);
    }
    if (t instanceof AliasTarget.Export ex) {
      VType i = s.item(Sort.INSTANCE, ex.instanceIndex(), at);
      VType type = VType.UNKNOWN;
      if (i instanceof VType.Instance instance) {
        VType.Extern e = instance.exports().get(ex.name());
        if (e == null) {
          throw Invalid.at(
              at, "instance " + ex.instanceIndex() + " has no export named `" + ex.name() + "`");
        }
        if (e.sort() != sort) {
          throw Invalid.at(
              at, "export `" + ex.name() + "` is a " + e.sort().text() + ", not a " + sort.text());
        }
        type = e.type();
      }
      return s.push(sort, type);
    }
    var o = (AliasTarget.Outer) t;
    Scope outer = s.outer(o.count(), at);
    if (s.kind != Scope.Kind.COMPONENT && sort != Sort.TYPE && sort != Sort.CORE_TYPE) {
      throw Invalid.at(
          at, "outer aliases in type declarations may only refer to types or instances");
    }
    return switch (sort) {
      case TYPE -> Scope.append(s.types, outerType(outer.type(o.index(), at), o, s, at));
      case CORE_TYPE -> {
        outer.check(Sort.CORE_TYPE, o.index(), at);
        yield Scope.append(s.coreTypes, outer.coreTypes.get(o.index()));
      }
      case CORE_MODULE -> {
        outer.check(Sort.CORE_MODULE, o.index(), at);
        yield s.add(Sort.CORE_MODULE);
      }
      case COMPONENT -> Scope.append(s.components, outer.item(Sort.COMPONENT, o.index(), at));
      case CORE_FUNC, CORE_TABLE, CORE_MEMORY, CORE_GLOBAL, CORE_TAG, CORE_INSTANCE ->
          outerSort(sort, at);
      case FUNC, VALUE, INSTANCE -> outerSort(sort, at);
    };
  }

  /** A type aliased from an outer scope may not carry resources across a component boundary. */
  private static VType outerType(VType type, AliasTarget.Outer o, Scope s, long at)
      throws ComponentException {
    if (s.crossesComponent(o.count())) {
      Set<VType.Resource> free = new HashSet<>();
      VType.freeResources(type, free);
      if (!free.isEmpty()) {
        throw Invalid.at(
            at,
            "type index "
                + o.index()
                + " transitively refers to resources and cannot be aliased across a component boundary");
      }
    }
    return type;
  }

  private static Void outerSort(Sort sort, long at) throws ComponentException {
    throw Invalid.at(at, "outer alias of sort " + sort.text() + " is not allowed");
  }

  /** Evaluates any type definition: value and function types, resources, and type bodies. */
  static VType defType(DefType d, Scope s, long at) throws ComponentException {
    if (d instanceof DefType.ComponentTypeDef def) {
      Scope inner = new Scope(s, Scope.Kind.COMPONENT_TYPE);
      decls(def.decls(), inner, at);
      return new VType.Comp(inner.imports, inner.exports, inner.bound, inner.minted);
    }
    if (d instanceof DefType.InstanceTypeDef def) {
      Scope inner = new Scope(s, Scope.Kind.INSTANCE_TYPE);
      decls(def.decls(), inner, at);
      return new VType.Instance(inner.exports, inner.bound, inner.minted);
    }
    return TypeDefs.eval(d, s, at);
  }

  private static void decls(List<Decl> decls, Scope s, long at) throws ComponentException {
    for (Decl decl : decls) {
      if (decl instanceof Decl.CoreTypeDecl typeDecl1) {
        coreType(typeDecl1.type(), s, at);
      } else if (decl instanceof Decl.TypeDecl typeDecl) {
        s.types.add(defType(typeDecl.type(), s, at));
      } else if (decl instanceof Decl.AliasDecl a) {
        if (a.target() instanceof AliasTarget.Export
            && a.sort() != Sort.TYPE
            && a.sort() != Sort.INSTANCE) {
          throw Invalid.at(at, "aliases in type declarations may only refer to types or instances");
        }
        if (a.target() instanceof AliasTarget.CoreExport) {
          throw Invalid.at(at, "aliases in type declarations may only refer to types or instances");
        }
        alias(a.sort(), a.target(), s, at);
      } else if (decl instanceof Decl.ImportDecl imp) {
        if (s.kind == Scope.Kind.INSTANCE_TYPE) {
          throw Invalid.at(at, "instance types cannot declare imports");
        }
        Externs.declare(s, true, imp.name(), Externs.desc(imp.desc(), imp.name(), s, at), at);
      } else {
        var e = (Decl.ExportDecl) decl;
        Externs.declare(s, false, e.name(), Externs.desc(e.desc(), e.name(), s, at), at);
      }
    }
  }
}
