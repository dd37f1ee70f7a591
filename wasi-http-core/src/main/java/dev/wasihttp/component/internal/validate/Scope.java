package dev.wasihttp.component.internal.validate;

import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.component.internal.binary.CoreDefType;
import dev.wasihttp.component.internal.binary.Sort;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The index spaces of one component, component type or instance type as load-time validation sees
 * them (Explainer, "Index spaces"), with the names its imports and exports have taken.
 */
final class Scope {
  /** What kind of definition the scope is the body of. */
  enum Kind {
    COMPONENT,
    COMPONENT_TYPE,
    INSTANCE_TYPE
  }

  final Scope parent;
  final Kind kind;
  final List<VType> types = new ArrayList<>();
  final List<VType> funcs = new ArrayList<>();
  final List<VType> instances = new ArrayList<>();
  final List<VType> components = new ArrayList<>();
  final List<CoreDefType> coreTypes = new ArrayList<>();
  final Map<Sort, Integer> counts = new HashMap<>();
  final Map<String, String> importKeys = new HashMap<>();
  final Map<String, String> exportKeys = new HashMap<>();
  final Map<String, VType.Extern> imports = new LinkedHashMap<>();
  final Map<String, VType.Extern> exports = new LinkedHashMap<>();

  /** Resource types as named (minted) by the import (or export) that introduced them. */
  final Map<String, VType> importNames = new HashMap<>();

  final Map<String, VType> exportNames = new HashMap<>();

  /** Resources this component defines ({@code resource.new} and {@code .rep} need one). */
  final Set<VType.Resource> local = new HashSet<>();

  /** Resources bound by this type's {@code (sub resource)} imports and exports. */
  final Set<VType.Resource> bound = new HashSet<>();

  /** Types named by this scope's imports, and by its imports and exports (external visibility). */
  final Set<VType> importVisible = Visibility.identitySet();

  final Set<VType> allVisible = Visibility.identitySet();

  /** Every type this scope's imports and exports named, for its instance or component type. */
  final Set<VType> minted = Visibility.identitySet();

  Scope(Scope parent, Kind kind) {
    this.parent = parent;
    this.kind = kind;
  }

  int count(Sort s) {
    return counts.getOrDefault(s, 0);
  }

  void add(Sort s) {
    counts.merge(s, 1, Integer::sum);
  }

  /** Checks {@code index} against the index space of a core sort or of values. */
  void check(Sort s, int index, long at) throws ComponentException {
    int n =
        s == Sort.TYPE
            ? types.size()
            : s == Sort.FUNC
                ? funcs.size()
                : s == Sort.INSTANCE
                    ? instances.size()
                    : s == Sort.COMPONENT
                        ? components.size()
                        : s == Sort.CORE_TYPE ? coreTypes.size() : count(s);
    if (index < 0 || index >= n) {
      String what = s.text().replace("core func", "function").replace("core ", "");
      throw Invalid.at(
          at,
          what
              + " index "
              + Integer.toUnsignedString(index)
              + " out of bounds ("
              + n
              + " defined)");
    }
  }

  VType type(int index, long at) throws ComponentException {
    check(Sort.TYPE, index, at);
    return types.get(index);
  }

  /** The type of item {@code index} of a component-level sort (UNKNOWN for core modules). */
  VType item(Sort s, int index, long at) throws ComponentException {
    check(s, index, at);
    switch (s) {
      case TYPE:
        return types.get(index);
      case FUNC:
        return funcs.get(index);
      case INSTANCE:
        return instances.get(index);
      case COMPONENT:
        return components.get(index);
      case CORE_MODULE:
        return new VType.CoreModuleType();
      default:
        return VType.UNKNOWN;
    }
  }

  /** Appends an item of sort {@code s} and type {@code t}. */
  void push(Sort s, VType t) {
    switch (s) {
      case TYPE:
        types.add(t);
        break;
      case FUNC:
        funcs.add(t);
        break;
      case INSTANCE:
        instances.add(t);
        break;
      case COMPONENT:
        components.add(t);
        break;
      default:
        add(s);
    }
  }

  /** The scope {@code count} levels out, for an outer alias. */
  Scope outer(int count, long at) throws ComponentException {
    Scope s = this;
    for (int i = 0; i < count; i++) {
      if (s.parent == null) {
        throw Invalid.at(at, "invalid outer alias count of " + Integer.toUnsignedString(count));
      }
      s = s.parent;
    }
    return s;
  }

  /** Whether an outer alias {@code count} levels out leaves a component definition. */
  boolean crossesComponent(int count) {
    Scope s = this;
    for (int i = 0; i < count && s != null; i++) {
      if (s.kind == Kind.COMPONENT) {
        return true;
      }
      s = s.parent;
    }
    return false;
  }
}
