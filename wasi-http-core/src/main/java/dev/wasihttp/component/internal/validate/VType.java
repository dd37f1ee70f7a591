package dev.wasihttp.component.internal.validate;

import dev.wasihttp.component.internal.binary.DefType;
import dev.wasihttp.component.internal.binary.Sort;
import dev.wasihttp.component.types.PrimitiveType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A type as load-time validation sees it, before anything is instantiated. Resources are abstract
 * identities ({@link Resource}); what validation cannot know statically (the exports of an instance
 * made by instantiating a component, say) is {@link Unknown}, and every check accepts it.
 */
sealed interface VType {
  /** Not known statically: every check passes. */
  record Unknown() implements VType {}

  VType UNKNOWN = new Unknown();

  /** A resource type; two are the same type only if they are the same object. */
  final class Resource implements VType {
    final String name;

    Resource(String name) {
      this.name = name;
    }

    @Override
    public String toString() {
      return "resource " + name;
    }
  }

  /**
   * A type as an import or export names it: the same type for every check but visibility
   * (Explainer.md, "External visibility"), where each import and export mints its own identity.
   */
  final class Named implements VType {
    final VType inner;

    Named(VType inner) {
      this.inner = inner;
    }

    @Override
    public String toString() {
      return "named " + inner;
    }
  }

  /** {@code t} without the names imports and exports gave it. */
  static VType unwrap(VType t) {
    while (t instanceof Named) {
      t = ((Named) t).inner;
    }
    return t;
  }

  /** A primitive value type. */
  record Prim(PrimitiveType type) implements VType {}

  /** {@code own} or {@code borrow} of a resource type. */
  record Handle(boolean own, VType resource) implements VType {}

  /**
   * A defined value type other than a handle: {@code def} says which and carries its labels; {@code
   * children} are its component types in definition order (null for an absent case or result type).
   */
  record Value(DefType def, List<VType> children) implements VType {
    public Value {
      children = Collections.unmodifiableList(new ArrayList<>(children));
    }
  }

  /** A function type. */
  record Func(List<String> names, List<VType> params, VType result) implements VType {}

  /** An import or export of an instance or component type. */
  record Extern(Sort sort, VType type) {}

  /**
   * An instance type; {@code bound} are the resources its {@code (sub resource)} exports bind,
   * {@code named} the types its exports name.
   */
  record Instance(Map<String, Extern> exports, Set<Resource> bound, Set<VType> named)
      implements VType {
    public Instance {
      exports = Collections.unmodifiableMap(new LinkedHashMap<>(exports));
    }
  }

  /** A component type. */
  record Comp(
      Map<String, Extern> imports,
      Map<String, Extern> exports,
      Set<Resource> bound,
      Set<VType> named)
      implements VType {
    public Comp {
      imports = Collections.unmodifiableMap(new LinkedHashMap<>(imports));
      exports = Collections.unmodifiableMap(new LinkedHashMap<>(exports));
    }
  }

  /** A core module type (its imports and exports are checked by the core engine). */
  record CoreModuleType() implements VType {}

  static boolean isValue(VType t) {
    t = unwrap(t);
    return t instanceof Unknown || t instanceof Prim || t instanceof Handle || t instanceof Value;
  }

  /** Whether {@code t} contains a {@code borrow} handle (outside function types). */
  static boolean hasBorrow(VType t) {
    t = unwrap(t);
    if (t instanceof Handle handle) {
      return !handle.own();
    }
    if (t instanceof Value value) {
      for (VType c : value.children()) {
        if (c != null && hasBorrow(c)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Adds the resources {@code t} mentions and does not bind itself to {@code out}. */
  static void freeResources(VType t, Set<Resource> out) {
    t = unwrap(t);
    if (t instanceof Resource resource) {
      out.add(resource);
    } else if (t instanceof Handle handle) {
      freeResources(handle.resource(), out);
    } else if (t instanceof Value value) {
      for (VType c : value.children()) {
        if (c != null) {
          freeResources(c, out);
        }
      }
    } else if (t instanceof Func func) {
      func.params().forEach(p -> freeResources(p, out));
      if (func.result() != null) {
        freeResources(func.result(), out);
      }
    } else if (t instanceof Instance i) {
      Set<Resource> inner = new LinkedHashSet<>();
      i.exports().values().forEach(e -> freeResources(e.type(), inner));
      inner.removeAll(i.bound());
      out.addAll(inner);
    } else if (t instanceof Comp c) {
      Set<Resource> inner = new LinkedHashSet<>();
      c.imports().values().forEach(e -> freeResources(e.type(), inner));
      c.exports().values().forEach(e -> freeResources(e.type(), inner));
      inner.removeAll(c.bound());
      out.addAll(inner);
    }
  }
}
