package dev.wasihttp.component.internal.binary;

import java.util.List;

/**
 * A core function type (core spec, "Function Types"): as a component's core type section declares
 * it ({@code 0x60}), and as the runtime reads it off a parsed core module, so that the two compare
 * with {@code equals}.
 */
public record CoreFuncType(List<CoreValType> params, List<CoreValType> results)
    implements CoreDefType {
  public CoreFuncType {
    params = List.copyOf(params);
    results = List.copyOf(results);
  }

  @Override
  public String toString() {
    return "(func (param " + params + ") (result " + results + "))";
  }
}
