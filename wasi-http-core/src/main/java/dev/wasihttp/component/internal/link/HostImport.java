package dev.wasihttp.component.internal.link;

import dev.wasihttp.component.host.HostFunction;
import dev.wasihttp.component.types.FuncType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One import of a root component resolved against the host: which host function implements each
 * imported function and with which type, which resource types the import binds. It holds no
 * instance state, so it is resolved once per {@link LinkPlan} and bound to each new {@link Store}.
 *
 * @param resources the host resource types the import names, each with its destructor (null for a
 *     type no host defines, made fresh when unknown imports trap); defined in every store bound
 * @param item what the importer sees
 * @param <T> the store's data type
 */
record HostImport<T>(List<HostDefinitions.HostResource<T>> resources, Shape<T> item) {
  HostImport {
    resources = List.copyOf(resources);
  }

  /** What an import is once bound: a function, an instance of such, or a type. */
  sealed interface Shape<T> {}

  /** A host function typed by the importer's declaration of it. */
  record FuncShape<T>(HostFunction<T> function, FuncType type) implements Shape<T> {}

  /** An instance: its exports by name, in declaration order. */
  record InstanceShape<T>(Map<String, Shape<T>> exports) implements Shape<T> {
    InstanceShape {
      exports = Collections.unmodifiableMap(new LinkedHashMap<>(exports));
    }
  }

  /** A type export (a value, function or resource type), the same in every store. */
  record TypeShape<T>(Object type) implements Shape<T> {}

  /** The import as {@code store}'s instance sees it; its resources are defined in the store. */
  Item bind(Store<T> store) {
    for (HostDefinitions.HostResource<T> r : resources) {
      store.defineHostResource(r.type(), r.destructor());
    }
    return bind(item, store);
  }

  private static <T> Item bind(Shape<T> shape, Store<T> store) {
    if (shape instanceof FuncShape<T> f) {
      return new Item.Func(new HostComponentFunc<>(f.function(), f.type(), store));
    }
    if (shape instanceof InstanceShape<T> i) {
      Map<String, Item> exports = new LinkedHashMap<>();
      for (Map.Entry<String, Shape<T>> e : i.exports().entrySet()) {
        exports.put(e.getKey(), bind(e.getValue(), store));
      }
      return new Item.Instance(new InstanceExports(exports));
    }
    return new Item.Type(((TypeShape<T>) shape).type());
  }
}
