package dev.wasihttp.component.internal.abi;

/**
 * A core value type as flattening produces it (CanonicalABI.md, "Flattening"): the canonical ABI
 * only ever passes {@code i32}, {@code i64}, {@code f32} and {@code f64}. The constant names match
 * the core value types', so {@code CoreValType.valueOf(flat.name())} converts.
 */
public enum FlatType {
  I32,
  I64,
  F32,
  F64;

  /**
   * {@code join} (CanonicalABI.md, "Flattening": flatten_variant): the type of one slot shared by
   * the payloads of several variant cases. Equal types stay; {@code i32} and {@code f32} share an
   * {@code i32}; any other pair widens to {@code i64}.
   */
  static FlatType join(FlatType a, FlatType b) {
    if (a == b) {
      return a;
    }
    if ((a == I32 && b == F32) || (a == F32 && b == I32)) {
      return I32;
    }
    return I64;
  }
}
