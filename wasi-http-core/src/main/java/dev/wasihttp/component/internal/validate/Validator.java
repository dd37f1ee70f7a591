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
      if (d instanceof Definition.CoreModuleDef) {
        s.add(Sort.CORE_MODULE);
      } else if (d instanceof Definition.CoreInstanceDef def5) {
        coreInstance(def5.expr(), s, at);
      } else if (d instanceof Definition.CoreTypeDef def4) {
        coreType(def4.type(), s, at);
      } else if (d instanceof Definition.NestedComponentDef def3) {
        Scope inner = component(def3.component(), s);
        // Its imported and defined resources are bound in its type: fresh for each instance.
        inner.bound.addAll(inner.local);
        s.components.add(new VType.Comp(inner.imports, inner.exports, inner.bound, inner.minted));
      } else if (d instanceof Definition.InstanceDef def2) {
        instance(def2.expr(), s, at);
      } else if (d instanceof Definition.AliasDef a) {
        alias(a.sort(), a.target(), s, at);
      } else if (d instanceof Definition.TypeDef def1) {
        s.types.add(defType(def1.type(), s, at));
      } else if (d instanceof Definition.CanonDef def) {
        CanonRules.define(def.canon(), s, at);
      } else if (d instanceof Definition.ImportDef imp) {
        Externs.declare(s, true, imp.name(), Externs.desc(imp.desc(), imp.name(), s, at), at);
      } else if (d instanceof Definition.ExportDef e) {
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
        Externs.declare(s, false, e.name(), new VType.Extern(sort, t), at);
      } else if (d instanceof Definition.StartDef start) {
        s.check(Sort.FUNC, start.funcIndex(), at);
        for (int v : start.args()) {
          s.check(Sort.VALUE, v, at);
        }
        for (int i = 0; i < start.resultCount(); i++) {
          s.add(Sort.VALUE);
        }
      }
    }
    return s;
  }

  private static void coreType(CoreDefType t, Scope s, long at) throws ComponentException {
    if (t instanceof CoreDefType.ModuleType type) {
      CoreTypeRules.moduleType(type, s, at);
    }
    s.coreTypes.add(t);
  }

  private static void coreInstance(CoreInstanceExpr expr, Scope s, long at)
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
    s.add(Sort.CORE_INSTANCE);
  }

  private static void instance(InstanceExpr expr, Scope s, long at) throws ComponentException {
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
      if (!(c instanceof VType.Comp)) {
        s.instances.add(VType.UNKNOWN);
        return;
      }
      for (String name : ((VType.Comp) c).imports().keySet()) {
        if (!args.containsKey(name)) {
          throw Invalid.at(at, "missing import named `" + name + "`");
        }
      }
      s.instances.add(Substitution.instantiate((VType.Comp) c, args, at));
      return;
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
    s.instances.add(new VType.Instance(bag.exports, bag.bound, bag.minted));
  }

  private static void alias(Sort sort, AliasTarget t, Scope s, long at) throws ComponentException {
    if (t instanceof AliasTarget.CoreExport export) {
      s.check(Sort.CORE_INSTANCE, export.coreInstanceIndex(), at);
      s.push(sort, VType.UNKNOWN);
    } else if (t instanceof AliasTarget.Export ex) {
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
      s.push(sort, type);
    } else {
      var o = (AliasTarget.Outer) t;
      Scope outer = s.outer(o.count(), at);
      if (s.kind != Scope.Kind.COMPONENT && sort != Sort.TYPE && sort != Sort.CORE_TYPE) {
        throw Invalid.at(
            at, "outer aliases in type declarations may only refer to types or instances");
      }
      switch (sort) {
        case TYPE:
          {
            VType type = outer.type(o.index(), at);
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
            s.types.add(type);
            break;
          }
        case CORE_TYPE:
          outer.check(Sort.CORE_TYPE, o.index(), at);
          s.coreTypes.add(outer.coreTypes.get(o.index()));
          break;
        case CORE_MODULE:
          outer.check(Sort.CORE_MODULE, o.index(), at);
          s.add(Sort.CORE_MODULE);
          break;
        case COMPONENT:
          s.components.add(outer.item(Sort.COMPONENT, o.index(), at));
          break;
        default:
          throw Invalid.at(at, "outer alias of sort " + sort.text() + " is not allowed");
      }
    }
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
