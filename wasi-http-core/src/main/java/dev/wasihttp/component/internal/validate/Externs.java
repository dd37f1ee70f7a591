package dev.wasihttp.component.internal.validate;

import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.component.internal.binary.CoreDefType;
import dev.wasihttp.component.internal.binary.DefType;
import dev.wasihttp.component.internal.binary.ExternDesc;
import dev.wasihttp.component.internal.binary.ExternName;
import dev.wasihttp.component.internal.binary.Sort;
import dev.wasihttp.component.internal.binary.TypeBound;
import java.util.Map;
import java.util.Set;

/**
 * Imports and exports of components, component types and instance types (Binary.md, "Import and
 * Export Definitions"): the type an {@code externtype} describes, strongly-unique names, the {@code
 * implements} attribute only on instances, and the type rules of {@code [constructor]}, {@code
 * [method]} and {@code [static]} names against the resources named in the same scope.
 */
final class Externs {
  private Externs() {}

  /** The sort and type an {@code externtype} describes. */
  static VType.Extern desc(ExternDesc d, ExternName name, Scope s, long at)
      throws ComponentException {
    return switch (d.kind()) {
      case CORE_MODULE -> {
        int i = ((ExternDesc.CoreModuleDesc) d).coreTypeIndex();
        s.check(Sort.CORE_TYPE, i, at);
        if (!(s.coreTypes.get(i) instanceof CoreDefType.ModuleType)) {
          throw Invalid.at(at, "core type index " + i + " is not a module type");
        }
        yield new VType.Extern(Sort.CORE_MODULE, new VType.CoreModuleType());
      }
      case FUNC -> {
        int i = ((ExternDesc.FuncDesc) d).typeIndex();
        yield new VType.Extern(
            Sort.FUNC, expect(s.type(i, at), VType.Func.class, i, "a function", at));
      }
      case VALUE ->
          new VType.Extern(Sort.VALUE, TypeDefs.valType(((ExternDesc.ValueDesc) d).type(), s, at));
      case VALUE_EQ -> {
        s.check(Sort.VALUE, ((ExternDesc.ValueEqDesc) d).valueIndex(), at);
        yield new VType.Extern(Sort.VALUE, VType.UNKNOWN);
      }
      case TYPE -> {
        if (((ExternDesc.TypeDesc) d).bound() instanceof TypeBound.Eq eq) {
          yield new VType.Extern(Sort.TYPE, s.type(eq.typeIndex(), at));
        }
        VType.Resource r = new VType.Resource(name.name());
        s.bound.add(r);
        yield new VType.Extern(Sort.TYPE, r);
      }
      case COMPONENT -> {
        int i = ((ExternDesc.ComponentDesc) d).typeIndex();
        yield new VType.Extern(
            Sort.COMPONENT, expect(s.type(i, at), VType.Comp.class, i, "a component", at));
      }
      case INSTANCE -> {
        int i = ((ExternDesc.InstanceDesc) d).typeIndex();
        yield new VType.Extern(
            Sort.INSTANCE, expect(s.type(i, at), VType.Instance.class, i, "an instance", at));
      }
    };
  }

  private static VType expect(VType t, Class<? extends VType> c, int index, String what, long at)
      throws ComponentException {
    VType u = VType.unwrap(t);
    if (!c.isInstance(u) && !(u instanceof VType.Unknown)) {
      throw Invalid.at(at, "type index " + index + " is not " + what + " type");
    }
    return u;
  }

  /** Adds an import or export to scope {@code s} after checking its name and type. */
  static Void declare(Scope s, boolean isImport, ExternName n, VType.Extern e, long at)
      throws ComponentException {
    ExternNames.Parsed p = ExternNames.parse(n, at);
    String what = isImport ? "import" : "export";
    if (n.implementsName() != null && e.sort() != Sort.INSTANCE) {
      throw Invalid.at(at, "only instances can have an `implements` attribute");
    }
    Map<String, String> keys = isImport ? s.importKeys : s.exportKeys;
    String prev = keys.putIfAbsent(p.key(), n.name());
    if (prev != null) {
      throw Invalid.at(
          at, what + " name `" + n.name() + "` conflicts with previous name `" + prev + "`");
    }
    Map<String, VType> names = isImport ? s.importNames : s.exportNames;
    if (p.annotation() != ExternNames.Annotation.NONE
        && p.annotation() != ExternNames.Annotation.INTERFACE) {
      annotated(p, e, names, at);
    }
    // Instance types check visibility where they are used as an import's or export's type.
    if (s.kind != Scope.Kind.INSTANCE_TYPE) {
      Visibility.check(e, isImport ? s.importVisible : s.allVisible, what, at);
    }
    VType t = e.type();
    Set<VType> minted = Visibility.identitySet();
    if (e.sort() == Sort.TYPE) {
      VType u = VType.unwrap(t);
      // A (sub resource) names itself; any other import or export mints a new name.
      if (!(u instanceof VType.Unknown)) {
        boolean fresh = t instanceof VType.Resource && s.bound.contains(t) && !s.minted.contains(t);
        t = fresh ? t : new VType.Named(u);
      }
      e = new VType.Extern(Sort.TYPE, t);
      minted.add(t);
      if (u instanceof VType.Resource && p.annotation() == ExternNames.Annotation.NONE) {
        names.putIfAbsent(n.name(), t);
      }
    } else if (t instanceof VType.Instance instance) {
      Visibility.mint(instance, minted);
    }
    s.minted.addAll(minted);
    s.allVisible.addAll(minted);
    if (isImport) {
      s.importVisible.addAll(minted);
    }
    (isImport ? s.imports : s.exports).put(n.name(), e);
    return s.push(e.sort(), t);
  }

  private static void annotated(
      ExternNames.Parsed p, VType.Extern e, Map<String, VType> names, long at)
      throws ComponentException {
    if (e.sort() != Sort.FUNC) {
      throw Invalid.at(at, "item named `" + p.name() + "` is not a func");
    }
    if (!(VType.unwrap(e.type()) instanceof VType.Func)) {
      return;
    }
    var f = (VType.Func) VType.unwrap(e.type());
    switch (p.annotation()) {
      case CONSTRUCTOR:
        {
          if (f.result() == null) {
            throw Invalid.at(at, "function should return one value");
          }
          VType r = VType.unwrap(f.result());
          if (r instanceof VType.Value value
              && ((VType.Value) r).def() instanceof DefType.ResultDef) {
            r = VType.unwrap(value.children().get(0));
          }
          if (!(r instanceof VType.Handle) || !((VType.Handle) r).own()) {
            if (r instanceof VType.Unknown) {
              return;
            }
            throw Invalid.at(at, "function should return `(own $T)` or `(result (own $T))`");
          }
          resourceName(((VType.Handle) r).resource(), p, names, at);
          break;
        }
      case METHOD:
        {
          if (f.params().isEmpty()) {
            throw Invalid.at(at, "function should have at least one argument");
          }
          if (!f.names().get(0).equals("self")) {
            throw Invalid.at(at, "function should have a first argument called `self`");
          }
          VType self = VType.unwrap(f.params().get(0));
          if (self instanceof VType.Unknown) {
            return;
          }
          if (!(self instanceof VType.Handle) || ((VType.Handle) self).own()) {
            throw Invalid.at(at, "function should take a first argument of `(borrow $T)`");
          }
          resourceName(((VType.Handle) self).resource(), p, names, at);
          break;
        }
      default:
        if (!names.containsKey(p.resource())) {
          throw Invalid.at(at, "static resource name is not known in this context");
        }
    }
  }

  private static void resourceName(
      VType resource, ExternNames.Parsed p, Map<String, VType> names, long at)
      throws ComponentException {
    // A resource is named by the index an import or export gave it, not by its identity.
    if (!(VType.unwrap(resource) instanceof VType.Resource)) {
      return;
    }
    if (names.get(p.resource()) == resource) {
      return;
    }
    for (Map.Entry<String, VType> e : names.entrySet()) {
      if (e.getValue() == resource) {
        throw Invalid.at(at, "function does not match expected resource name `" + e.getKey() + "`");
      }
    }
    throw Invalid.at(at, "resource used in function does not have a name in this context");
  }
}
