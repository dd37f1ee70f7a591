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

  /** Counts one more item of a sort whose items have no static type here. */
  Void add(Sort s) {
    counts.merge(s, 1, Integer::sum);
    return null;
  }

  /** Appends {@code item} to {@code space}. */
  static <T> Void append(List<T> space, T item) {
    space.add(item);
    return null;
  }

  /** Checks {@code index} against the index space of a core sort or of values. */
  void check(Sort s, int index, long at) throws ComponentException {
    int n =
        switch (s) {
          case TYPE -> types.size();
          case FUNC -> funcs.size();
          case INSTANCE -> instances.size();
          case COMPONENT -> components.size();
          case CORE_TYPE -> coreTypes.size();
          case CORE_FUNC, CORE_TABLE, CORE_MEMORY, CORE_GLOBAL, CORE_TAG, CORE_MODULE -> count(s);
          case CORE_INSTANCE, VALUE -> count(s);
        };
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
    return switch (s) {
      case TYPE -> types.get(index);
      case FUNC -> funcs.get(index);
      case INSTANCE -> instances.get(index);
      case COMPONENT -> components.get(index);
      case CORE_MODULE -> new VType.CoreModuleType();
      case CORE_FUNC, CORE_TABLE, CORE_MEMORY, CORE_GLOBAL, CORE_TAG, CORE_TYPE, CORE_INSTANCE ->
          VType.UNKNOWN;
      case VALUE -> VType.UNKNOWN;
    };
  }

  /** Appends an item of sort {@code s} and type {@code t}. */
  Void push(Sort s, VType t) {
    return switch (s) {
      case TYPE -> append(types, t);
      case FUNC -> append(funcs, t);
      case INSTANCE -> append(instances, t);
      case COMPONENT -> append(components, t);
      case CORE_FUNC, CORE_TABLE, CORE_MEMORY, CORE_GLOBAL, CORE_TAG, CORE_TYPE, CORE_MODULE ->
          add(s);
      case CORE_INSTANCE, VALUE -> add(s);
    };
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
