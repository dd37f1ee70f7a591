package dev.wasihttp.component.internal.link;

import dev.wasihttp.component.types.FuncType;
import dev.wasihttp.component.values.Val;
import java.util.List;

/**
 * A component-level function at run time: lifted from a core function of some instance ({@link
 * LiftedFunc}), or implemented by the host ({@link HostComponentFunc}). Calls take and return
 * values of the value model; the canonical ABI runs at each boundary.
 */
public interface ComponentFunc {
  FuncType type();

  /**
   * Calls the function; returns null when the type has no result. Traps throw {@code Trap}.
   *
   * @param caller the component instance making the call, null for the host
   */
  Val call(ComponentInstanceState caller, List<Val> args);
}
