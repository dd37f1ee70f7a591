package dev.wasihttp.component.internal.engine;

import com.dylibso.chicory.wasm.types.ValType;

/** A core value type as the component runtime needs to see it. */
public enum CoreKind {
  I32,
  I64,
  F32,
  F64,
  V128,
  FUNCREF,
  EXTERNREF,
  /** Any other (GC, exception) reference type: never produced by the canonical ABI. */
  OTHER_REF;

  static CoreKind of(ValType t) {
    if (t.equals(ValType.I32)) {
      return I32;
    } else if (t.equals(ValType.I64)) {
      return I64;
    } else if (t.equals(ValType.F32)) {
      return F32;
    } else if (t.equals(ValType.F64)) {
      return F64;
    } else if (t.equals(ValType.V128)) {
      return V128;
    } else if (t.equals(ValType.FuncRef)) {
      return FUNCREF;
    } else if (t.equals(ValType.ExternRef)) {
      return EXTERNREF;
    }
    return OTHER_REF;
  }

  static ValType toEngine(CoreKind k) {
    switch (k) {
      case I32:
        return ValType.I32;
      case I64:
        return ValType.I64;
      case F32:
        return ValType.F32;
      case F64:
        return ValType.F64;
      case V128:
        return ValType.V128;
      case FUNCREF:
        return ValType.FuncRef;
      case EXTERNREF:
        return ValType.ExternRef;
      default:
        throw new IllegalArgumentException("no engine type for " + k);
    }
  }
}
