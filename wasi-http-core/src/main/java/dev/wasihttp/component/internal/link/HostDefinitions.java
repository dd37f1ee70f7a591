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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the host provides, as a linker hands it over: interfaces of functions and resource types by
 * name. Immutable. Resolves a root component's imports ({@link HostImport}), matching interface
 * versions the semver-compatible way.
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

  /**
   * Resolves one import of a root component: finds the host's definitions by name (the interface
   * semver-compatibly) and evaluates the import's type in {@code spaces}. Nothing is bound to a
   * store yet, so the result may serve every instance whose index spaces hold the same types.
   *
   * @throws ComponentException UNLINKABLE when the host lacks something the import names
   */
  HostImport<T> resolve(Definition.ImportDef imp, IndexSpaces spaces) throws ComponentException {
    String name = imp.name().name();
    long at = imp.offset();
    ExternDesc desc = imp.desc();
    List<HostResource<T>> resources = new ArrayList<>();
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
      return new HostImport<>(resources, new HostImport.FuncShape<>(fn, type));
    }
    if (desc instanceof ExternDesc.TypeDesc && trapUnknownImports) {
      // Validating at load: an imported resource is a fresh abstract type (equal-bound types are
      // taken from the index spaces by the instantiator).
      ResourceType fresh = ResourceType.host(name);
      resources.add(new HostResource<>(fresh, null));
      return new HostImport<>(resources, new HostImport.TypeShape<>(fresh));
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
                r = new HostResource<>(ResourceType.host(resource), null);
              }
              resources.add(r);
              return r.type();
            },
            at);
    if (!missing.isEmpty()) {
      throw missing.values().iterator().next();
    }
    Map<String, HostImport.Shape<T>> exports = new LinkedHashMap<>();
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
        exports.put(e.getKey(), new HostImport.FuncShape<>(fn, funcType));
      } else if (type instanceof TypeClosure closure && trapUnknownImports) {
        exports.put(e.getKey(), placeholder(name + "/" + e.getKey(), closure, resources, at));
      } else if (type instanceof TypeClosure) {
        throw Errors.unlinkable(
            at,
            "import \""
                + name
                + "\": nested instance \""
                + e.getKey()
                + "\" cannot come from the host");
      } else {
        exports.put(e.getKey(), new HostImport.TypeShape<>(type));
      }
    }
    return new HostImport<>(resources, new HostImport.InstanceShape<>(exports));
  }

  /** An instance of {@code type} whose functions trap and whose resources are fresh. */
  private static <T> HostImport.Shape<T> placeholder(
      String name, TypeClosure type, List<HostResource<T>> resources, long at)
      throws ComponentException {
    if (!(type.definition() instanceof DefType.InstanceTypeDef)) {
      throw Errors.unlinkable(at, "import \"" + name + "\": a component cannot come from the host");
    }
    Map<String, Object> types =
        TypeEvaluator.instanceExports(
            type,
            resource -> {
              ResourceType fresh = ResourceType.host(resource);
              resources.add(new HostResource<>(fresh, null));
              return fresh;
            },
            at);
    Map<String, HostImport.Shape<T>> exports = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : types.entrySet()) {
      Object t = e.getValue();
      if (t instanceof FuncType funcType) {
        exports.put(
            e.getKey(), new HostImport.FuncShape<>(notProvided(name + "#" + e.getKey()), funcType));
      } else if (t instanceof TypeClosure closure) {
        exports.put(e.getKey(), placeholder(name + "/" + e.getKey(), closure, resources, at));
      } else {
        exports.put(e.getKey(), new HostImport.TypeShape<>(t));
      }
    }
    return new HostImport.InstanceShape<>(exports);
  }

  private static <T> HostFunction<T> notProvided(String what) {
    return (caller, args) -> {
      throw new Trap("not provided: " + what);
    };
  }
}
