package dev.wasihttp.component.internal.link;

import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.component.errors.Trap;
import dev.wasihttp.component.host.HostFunction;
import dev.wasihttp.component.host.ResourceDestructor;
import dev.wasihttp.component.internal.binary.DefType;
import dev.wasihttp.component.internal.binary.Definition;
import dev.wasihttp.component.internal.binary.ExternDesc;
import dev.wasihttp.component.types.FuncType;
import dev.wasihttp.component.types.ResourceType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the host provides, as a linker hands it over: interfaces of functions and resource types by
 * name. Immutable. Supplies a root component's imports, matching interface versions the
 * semver-compatible way.
 */
public final class HostDefinitions<T> {
  /** A host resource type and the destructor run when a guest drops an owning handle. */
  public record HostResource<T>(ResourceType type, ResourceDestructor<T> destructor) {}

  /** The functions and resources of one interface. */
  public record Interface<T>(
      Map<String, HostFunction<T>> funcs, Map<String, HostResource<T>> resources) {
    public Interface {
      funcs = Map.copyOf(funcs);
      resources = Map.copyOf(resources);
    }
  }

  private final Map<String, Interface<T>> interfaces;
  private final Map<String, HostFunction<T>> rootFuncs;
  private final boolean trapUnknownImports;

  public HostDefinitions(
      Map<String, Interface<T>> interfaces,
      Map<String, HostFunction<T>> rootFuncs,
      boolean trapUnknownImports) {
    this.interfaces = Map.copyOf(interfaces);
    this.rootFuncs = Map.copyOf(rootFuncs);
    this.trapUnknownImports = trapUnknownImports;
  }

  /** The host's interface for an import name (semver-compatible), or null. */
  public Interface<T> lookup(String importName) {
    String found = Semver.bestMatch(importName, interfaces.keySet());
    return found == null ? null : interfaces.get(found);
  }

  public boolean trapUnknownImports() {
    return trapUnknownImports;
  }

  public HostFunction<T> rootFunc(String name) {
    return rootFuncs.get(name);
  }

  /** Supplies one import of a root component being instantiated in {@code store}. */
  Item supply(Definition.ImportDef imp, IndexSpaces spaces, Store<T> store)
      throws ComponentException {
    String name = imp.name().name();
    long at = imp.offset();
    ExternDesc desc = imp.desc();
    if (desc instanceof ExternDesc.FuncDesc funcDesc) {
      FuncType type = TypeEvaluator.funcType(funcDesc.typeIndex(), spaces, at);
      HostFunction<T> fn = rootFuncs.get(name);
      if (fn == null) {
        if (!trapUnknownImports) {
          throw Errors.unlinkable(
              at, "import \"" + name + "\": no such function defined by the host");
        }
        fn = notProvided(name);
      }
      return new Item.Func(new HostComponentFunc<>(fn, type, store));
    }
    if (desc instanceof ExternDesc.TypeDesc && trapUnknownImports) {
      // Validating at load: an imported resource is a fresh abstract type (equal-bound types are
      // taken from the index spaces by the instantiator).
      ResourceType fresh = ResourceType.host(name);
      store.defineHostResource(fresh, null);
      return new Item.Type(fresh);
    }
    if (!(desc instanceof ExternDesc.InstanceDesc)) {
      throw Errors.unlinkable(
          at,
          "import \"" + name + "\": only instances and functions can be imported from the host");
    }
    Object t =
        IndexSpaces.at(spaces.types, ((ExternDesc.InstanceDesc) desc).typeIndex(), "type", at);
    if (!(t instanceof TypeClosure)) {
      throw Errors.invalid(at, "import \"" + name + "\": type is not an instance type");
    }
    Interface<T> iface = lookup(name);
    if (iface == null && !trapUnknownImports) {
      throw Errors.unlinkable(at, "import \"" + name + "\": no such interface defined by the host");
    }
    Map<String, ComponentException> missing = new LinkedHashMap<>();
    Map<String, Object> types =
        TypeEvaluator.instanceExports(
            (TypeClosure) t,
            resource -> {
              HostResource<T> r = iface == null ? null : iface.resources().get(resource);
              if (r == null) {
                if (!trapUnknownImports) {
                  missing.put(
                      resource,
                      Errors.unlinkable(
                          at,
                          "import \""
                              + name
                              + "\": resource \""
                              + resource
                              + "\" is not defined by the host"));
                }
                ResourceType fresh = ResourceType.host(resource);
                store.defineHostResource(fresh, null);
                return fresh;
              }
              store.defineHostResource(r.type(), r.destructor());
              return r.type();
            },
            at);
    if (!missing.isEmpty()) {
      throw missing.values().iterator().next();
    }
    Map<String, Item> exports = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : types.entrySet()) {
      Object type = e.getValue();
      if (type instanceof FuncType funcType) {
        HostFunction<T> fn = iface == null ? null : iface.funcs().get(e.getKey());
        if (fn == null) {
          if (!trapUnknownImports) {
            throw Errors.unlinkable(
                at,
                "import \""
                    + name
                    + "\": function \""
                    + e.getKey()
                    + "\" is not defined by the host");
          }
          fn = notProvided(name + "#" + e.getKey());
        }
        exports.put(e.getKey(), new Item.Func(new HostComponentFunc<>(fn, funcType, store)));
      } else if (type instanceof TypeClosure closure && trapUnknownImports) {
        exports.put(e.getKey(), placeholder(name + "/" + e.getKey(), closure, store, at));
      } else if (type instanceof TypeClosure) {
        throw Errors.unlinkable(
            at,
            "import \""
                + name
                + "\": nested instance \""
                + e.getKey()
                + "\" cannot come from the host");
      } else {
        exports.put(e.getKey(), new Item.Type(type));
      }
    }
    return new Item.Instance(new InstanceExports(exports));
  }

  /** An instance of {@code type} whose functions trap and whose resources are fresh. */
  private static <T> Item placeholder(String name, TypeClosure type, Store<T> store, long at)
      throws ComponentException {
    if (!(type.definition() instanceof DefType.InstanceTypeDef)) {
      throw Errors.unlinkable(at, "import \"" + name + "\": a component cannot come from the host");
    }
    Map<String, Object> types =
        TypeEvaluator.instanceExports(
            type,
            resource -> {
              ResourceType fresh = ResourceType.host(resource);
              store.defineHostResource(fresh, null);
              return fresh;
            },
            at);
    Map<String, Item> exports = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : types.entrySet()) {
      Object t = e.getValue();
      if (t instanceof FuncType funcType) {
        exports.put(
            e.getKey(),
            new Item.Func(
                new HostComponentFunc<>(notProvided(name + "#" + e.getKey()), funcType, store)));
      } else if (t instanceof TypeClosure closure) {
        exports.put(e.getKey(), placeholder(name + "/" + e.getKey(), closure, store, at));
      } else {
        exports.put(e.getKey(), new Item.Type(t));
      }
    }
    return new Item.Instance(new InstanceExports(exports));
  }

  private static <T> HostFunction<T> notProvided(String what) {
    return (caller, args) -> {
      throw new Trap("not provided: " + what);
    };
  }
}
