package dev.wasihttp.component.internal.link;

import dev.wasihttp.component.host.HostFunction;
import dev.wasihttp.component.types.FuncType;
import dev.wasihttp.component.values.Val;
import java.util.List;

/**
 * A host function bound to one store, typed by the importing component's declaration.
 *
 * @param <T> the store's data type
 */
final class HostFunc<T> implements ComponentFunc {
  private final HostFunction<T> function;
  private final FuncType type;
  private final Store<T> store;

  HostFunc(HostFunction<T> function, FuncType type, Store<T> store) {
    this.function = function;
    this.type = type;
    this.store = store;
  }

  @Override
  public FuncType type() {
    return type;
  }

  @Override
  public Val call(InstanceState caller, List<Val> args) {
    return function.call(store, args);
  }
}
