package dev.wasihttp.component.internal.link;

import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.component.internal.binary.Sort;
import dev.wasihttp.component.internal.engine.CoreExtern;
import dev.wasihttp.component.internal.engine.CoreInstance;
import dev.wasihttp.component.internal.engine.CoreModule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The index spaces of one component (or one instance/component type declaration) while it is being
 * instantiated (Explainer, "Index spaces"). Each definition appends to the space of its sort; outer
 * aliases walk up {@link #parent}.
 */
final class IndexSpaces {
  final IndexSpaces parent;
  final ComponentInstanceState state;
  final List<CoreModule> coreModules = new ArrayList<>();
  final List<CoreInstance> coreInstances = new ArrayList<>();
  final List<CoreExtern> coreFuncs = new ArrayList<>();
  final List<CoreExtern> coreTables = new ArrayList<>();
  final List<CoreExtern> coreMemories = new ArrayList<>();
  final List<CoreExtern> coreGlobals = new ArrayList<>();
  final List<CoreExtern> coreTags = new ArrayList<>();
  final List<Object> coreTypes = new ArrayList<>();
  final List<ComponentFunc> funcs = new ArrayList<>();
  final List<Object> types = new ArrayList<>();
  final List<ComponentClosure> components = new ArrayList<>();
  final List<InstanceExports> instances = new ArrayList<>();

  IndexSpaces(IndexSpaces parent, ComponentInstanceState state) {
    this.parent = parent;
    this.state = state;
  }

  /** The index spaces {@code count} levels out, for {@code alias outer}. */
  IndexSpaces outer(int count, long offset) throws ComponentException {
    IndexSpaces f = this;
    for (int i = 0; i < count; i++) {
      if (f.parent == null) {
        throw Errors.invalid(offset, "outer alias count " + count + " exceeds the nesting depth");
      }
      f = f.parent;
    }
    return f;
  }

  /** Appends {@code item} to {@code space}. */
  static <T> Void append(List<T> space, T item) {
    space.add(item);
    return null;
  }

  static <T> T at(List<T> space, int index, String what, long offset) throws ComponentException {
    if (index < 0 || index >= space.size()) {
      throw Errors.invalid(
          offset,
          what
              + " index "
              + Integer.toUnsignedString(index)
              + " out of bounds ("
              + space.size()
              + " defined)");
    }
    return space.get(index);
  }

  CoreExtern coreExtern(Sort sort, int index, long offset) throws ComponentException {
    List<CoreExtern> space = coreSpace(sort);
    if (space == null) {
      throw Errors.invalid(
          offset, "expected a core func, table, memory, global or tag, found " + sort);
    }
    return at(space, index, sort.text(), offset);
  }

  /** Appends a core definition to the index space of its sort, which must be its kind's. */
  Void addCoreExtern(Sort sort, CoreExtern e, long offset) throws ComponentException {
    List<CoreExtern> space = coreSpace(sort);
    if (space == null) {
      throw Errors.invalid(offset, "not a core definition sort: " + sort);
    }
    String expected = sort.text().substring("core ".length());
    if (!e.kindName().equals(expected)) {
      throw Errors.invalid(offset, "expected core " + expected + ", found core " + e.kindName());
    }
    space.add(e);
    return null;
  }

  /** The index space of a core function, table, memory, global or tag; null for other sorts. */
  private List<CoreExtern> coreSpace(Sort sort) {
    return switch (sort) {
      case CORE_FUNC -> coreFuncs;
      case CORE_TABLE -> coreTables;
      case CORE_MEMORY -> coreMemories;
      case CORE_GLOBAL -> coreGlobals;
      case CORE_TAG -> coreTags;
      case CORE_TYPE, CORE_MODULE, CORE_INSTANCE, FUNC, VALUE, TYPE, COMPONENT, INSTANCE -> null;
    };
  }

  /** The item of a component-level sort at {@code index}. */
  Item item(Sort sort, int index, long offset) throws ComponentException {
    return switch (sort) {
      case FUNC -> new Item.Func(at(funcs, index, "func", offset));
      case INSTANCE -> new Item.Instance(at(instances, index, "instance", offset));
      case TYPE -> new Item.Type(at(types, index, "type", offset));
      case COMPONENT -> new Item.Component(at(components, index, "component", offset));
      case CORE_MODULE -> new Item.CoreModuleItem(at(coreModules, index, "core module", offset));
      case CORE_FUNC,
          CORE_TABLE,
          CORE_MEMORY,
          CORE_GLOBAL,
          CORE_TAG,
          CORE_TYPE,
          CORE_INSTANCE,
          VALUE ->
          throw Errors.invalid(offset, "sort " + sort + " cannot be exported or passed here");
    };
  }

  /** Appends an item to the index space of its sort (imports, aliases and exports all do). */
  Void add(Sort sort, Item item, long offset) throws ComponentException {
    boolean added =
        switch (sort) {
          case FUNC -> funcs.add(expect(item, Item.Func.class, offset).func());
          case INSTANCE -> instances.add(expect(item, Item.Instance.class, offset).instance());
          case TYPE -> types.add(expect(item, Item.Type.class, offset).type());
          case COMPONENT -> components.add(expect(item, Item.Component.class, offset).component());
          case CORE_MODULE ->
              coreModules.add(expect(item, Item.CoreModuleItem.class, offset).module());
          case CORE_FUNC,
              CORE_TABLE,
              CORE_MEMORY,
              CORE_GLOBAL,
              CORE_TAG,
              CORE_TYPE,
              CORE_INSTANCE,
              VALUE ->
              throw Errors.invalid(offset, "sort " + sort + " is not supported here");
        };
    return null;
  }

  static <T extends Item> T expect(Item item, Class<T> c, long offset) throws ComponentException {
    if (!c.isInstance(item)) {
      throw Errors.unlinkable(
          offset,
          "expected " + c.getSimpleName().toLowerCase(Locale.ROOT) + ", found " + item.sortName());
    }
    return c.cast(item);
  }
}
