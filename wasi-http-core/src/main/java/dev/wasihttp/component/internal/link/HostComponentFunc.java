package dev.wasihttp.component.internal.link;

import dev.wasihttp.component.host.HostFunction;
import dev.wasihttp.component.types.FuncType;
import dev.wasihttp.component.values.Val;
import java.util.List;

/**
 * A component function implemented by the host: the embedder's {@link HostFunction} bound to one
 * store and typed by the importing component's declaration of it.
 *
 * @param <T> the store's data type
 */
final class HostComponentFunc<T> implements ComponentFunc {
  private final HostFunction<T> function;
  private final FuncType type;
  private final Store<T> store;

  HostComponentFunc(HostFunction<T> function, FuncType type, Store<T> store) {
    this.function = function;
    this.type = type;
    this.store = store;
  }

  @Override
  public FuncType type() {
    return type;
  }

  @Override
  public Val call(ComponentInstanceState caller, List<Val> args) {
    return function.call(store, args);
  }
}
