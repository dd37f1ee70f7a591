package dev.wasihttp.component.internal.link;

import dev.wasihttp.component.host.HostFunction;
import dev.wasihttp.component.types.FuncType;
import dev.wasihttp.component.values.Val;
import java.util.List;

/** A host function bound to one store, typed by the importing component's declaration. */
final class HostFunc implements ComponentFunc {
  private final HostFunction function;
  private final FuncType type;
  private final Store store;

  HostFunc(HostFunction function, FuncType type, Store store) {
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
