package dev.wasihttp.component;

import dev.wasihttp.component.errors.Trap;
import dev.wasihttp.component.internal.link.ComponentFunc;
import dev.wasihttp.component.types.FuncType;
import dev.wasihttp.component.values.Val;
import java.util.Arrays;
import java.util.List;

/**
 * An exported function of a {@link ComponentInstance}. Calls run on the caller's thread; an
 * instance runs one call at a time.
 */
public final class Func {
  private final String name;
  private final ComponentFunc func;

  Func(String name, ComponentFunc func) {
    this.name = name;
    this.func = func;
  }

  /** The export path, e.g. {@code wasi:http/incoming-handler@0.2.0#handle} or {@code run}. */
  public String name() {
    return name;
  }

  public FuncType type() {
    return func.type();
  }

  /**
   * Calls the function.
   *
   * @return the result, or null when the function has none
   * @throws Trap when the guest traps or an argument does not match the type
   * @throws IllegalArgumentException when the number of arguments is wrong
   */
  public Val call(List<Val> args) {
    if (args.size() != func.type().params().size()) {
      throw new IllegalArgumentException(
          name + " takes " + func.type().params().size() + " arguments, got " + args.size());
    }
    return func.call(null, args);
  }

  /** Calls the function; see {@link #call(List)}. */
  public Val call(Val... args) {
    return call(Arrays.asList(args));
  }
}
