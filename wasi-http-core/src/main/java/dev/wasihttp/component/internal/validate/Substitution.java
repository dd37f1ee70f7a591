package dev.wasihttp.component.internal.validate;

import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.component.internal.binary.Sort;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The type of an instance made by instantiating a component type with arguments (Explainer.md,
 * "Instance definitions"): the component's exports with its imported types replaced by the
 * arguments' types and its own resources replaced by fresh ones, as each instantiation creates new
 * resource types ("generativity").
 */
final class Substitution {
  private final Map<VType, VType> map = new IdentityHashMap<>();
  private final Set<VType.Resource> bound;

  private Substitution(Set<VType.Resource> bound) {
    this.bound = bound;
  }

  /** The instance type of {@code c} instantiated with {@code args} (types by import name). */
  static VType.Instance instantiate(VType.Comp c, Map<String, VType> args, long at)
      throws ComponentException {
    Substitution s = new Substitution(c.bound());
    for (Map.Entry<String, VType.Extern> imp : c.imports().entrySet()) {
      VType arg = args.get(imp.getKey());
      VType imported = imp.getValue().type();
      if (arg != null) {
        s.check(imp.getKey(), imp.getValue(), arg, at);
      }
      s.bind(imported, arg == null ? VType.UNKNOWN : arg);
    }
    Map<String, VType.Extern> exports = new LinkedHashMap<>();
    for (Map.Entry<String, VType.Extern> e : c.exports().entrySet()) {
      exports.put(e.getKey(), new VType.Extern(e.getValue().sort(), s.apply(e.getValue().type())));
    }
    Set<VType> named = Visibility.identitySet();
    for (VType n : c.named()) {
      named.add(s.apply(n));
    }
    return new VType.Instance(exports, Set.of(), named);
  }

  /**
   * The checks of an argument that need the earlier arguments: a type import equal to an earlier
   * import's resource must get the same resource, and an instance must have every export its type
   * declares (the rest is checked when linking).
   */
  private void check(String name, VType.Extern imp, VType arg, long at) throws ComponentException {
    String where = "type mismatch in import `" + name + "`: ";
    if (imp.sort() == Sort.TYPE && imp.type() instanceof VType.Named) {
      VType expected = VType.unwrap(apply(((VType.Named) imp.type()).inner));
      VType found = VType.unwrap(arg);
      if (expected instanceof VType.Resource && !(found instanceof VType.Unknown)) {
        if (!(found instanceof VType.Resource)) {
          throw Invalid.at(at, where + "expected resource, found defined type");
        }
        if (found != expected) {
          throw Invalid.at(at, where + "resource types are not the same");
        }
      }
    } else if (imp.sort() == Sort.INSTANCE
        && imp.type() instanceof VType.Instance
        && arg instanceof VType.Instance instance) {
      for (String export : ((VType.Instance) imp.type()).exports().keySet()) {
        if (!instance.exports().containsKey(export)) {
          throw Invalid.at(at, where + "missing expected export `" + export + "`");
        }
      }
    }
  }

  /** An import's type stands for the argument's; an instance's exports for the argument's. */
  private void bind(VType imported, VType arg) {
    if (imported instanceof VType.Instance i) {
      VType.Instance a = arg instanceof VType.Instance i1 ? i1 : null;
      for (Map.Entry<String, VType.Extern> e : i.exports().entrySet()) {
        VType.Extern found = a == null ? null : a.exports().get(e.getKey());
        if (e.getValue().sort() == Sort.TYPE || e.getValue().sort() == Sort.INSTANCE) {
          bind(e.getValue().type(), found == null ? VType.UNKNOWN : found.type());
        }
      }
      return;
    }
    if (imported instanceof VType.Named || imported instanceof VType.Resource) {
      map.put(imported, arg);
    }
  }

  VType apply(VType t) {
    if (t == null || t instanceof VType.Unknown || t instanceof VType.Prim) {
      return t;
    }
    VType done = map.get(t);
    if (done != null) {
      return done;
    }
    VType out;
    if (t instanceof VType.Resource resource) {
      out = bound.contains(t) ? new VType.Resource(resource.name) : t;
    } else if (t instanceof VType.Named named1) {
      VType inner = named1.inner;
      VType s = apply(inner);
      out = s == inner ? t : new VType.Named(VType.unwrap(s));
    } else if (t instanceof VType.Handle h) {
      out = new VType.Handle(h.own(), apply(h.resource()));
    } else if (t instanceof VType.Value v) {
      List<VType> children = new ArrayList<>();
      for (VType c : v.children()) {
        children.add(apply(c));
      }
      out = new VType.Value(v.def(), children);
    } else if (t instanceof VType.Func f) {
      List<VType> params = new ArrayList<>();
      for (VType p : f.params()) {
        params.add(apply(p));
      }
      out = new VType.Func(f.names(), params, apply(f.result()));
    } else if (t instanceof VType.Instance i) {
      Map<String, VType.Extern> exports = new LinkedHashMap<>();
      i.exports().forEach((k, e) -> exports.put(k, new VType.Extern(e.sort(), apply(e.type()))));
      Set<VType> named = Visibility.identitySet();
      i.named().forEach(n -> named.add(apply(n)));
      out = new VType.Instance(exports, i.bound(), named);
    } else {
      out = t;
    }
    map.put(t, out);
    return out;
  }
}
