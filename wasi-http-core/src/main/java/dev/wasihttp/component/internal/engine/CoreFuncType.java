package dev.wasihttp.component.internal.engine;

import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.ArrayList;
import java.util.List;

/** A core function type: parameter and result kinds. */
public record CoreFuncType(List<CoreKind> params, List<CoreKind> results) {
  public CoreFuncType {
    params = List.copyOf(params);
    results = List.copyOf(results);
  }

  static CoreFuncType of(FunctionType t) {
    return new CoreFuncType(kinds(t.params()), kinds(t.returns()));
  }

  FunctionType toEngine() {
    List<ValType> ps = new ArrayList<>();
    for (CoreKind k : params) {
      ps.add(CoreKind.toEngine(k));
    }
    List<ValType> rs = new ArrayList<>();
    for (CoreKind k : results) {
      rs.add(CoreKind.toEngine(k));
    }
    return FunctionType.of(ps, rs);
  }

  private static List<CoreKind> kinds(List<ValType> types) {
    List<CoreKind> out = new ArrayList<>(types.size());
    for (ValType t : types) {
      out.add(CoreKind.of(t));
    }
    return out;
  }

  @Override
  public String toString() {
    return "(func (param " + params + ") (result " + results + "))";
  }
}
