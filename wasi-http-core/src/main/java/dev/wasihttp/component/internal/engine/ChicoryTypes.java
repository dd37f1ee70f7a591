package dev.wasihttp.component.internal.engine;

import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import dev.wasihttp.component.internal.binary.CoreFuncType;
import dev.wasihttp.component.internal.binary.CoreValType;
import java.util.ArrayList;
import java.util.List;

/** The engine's core types in the runtime's words ({@link CoreFuncType}, {@link CoreValType}). */
final class ChicoryTypes {
  private ChicoryTypes() {}

  static CoreFuncType funcType(FunctionType t) {
    return new CoreFuncType(valTypes(t.params()), valTypes(t.returns()));
  }

  private static List<CoreValType> valTypes(List<ValType> types) {
    List<CoreValType> out = new ArrayList<>(types.size());
    for (ValType t : types) {
      out.add(valType(t));
    }
    return out;
  }

  static CoreValType valType(ValType t) {
    if (t.equals(ValType.I32)) {
      return CoreValType.I32;
    } else if (t.equals(ValType.I64)) {
      return CoreValType.I64;
    } else if (t.equals(ValType.F32)) {
      return CoreValType.F32;
    } else if (t.equals(ValType.F64)) {
      return CoreValType.F64;
    } else if (t.equals(ValType.V128)) {
      return CoreValType.V128;
    } else if (t.equals(ValType.FuncRef)) {
      return CoreValType.FUNCREF;
    } else if (t.equals(ValType.ExternRef)) {
      return CoreValType.EXTERNREF;
    } else if (t.equals(ValType.ExnRef)) {
      return CoreValType.EXNREF;
    }
    return CoreValType.OTHER_REF;
  }
}
