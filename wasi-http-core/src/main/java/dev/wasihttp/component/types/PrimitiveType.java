package dev.wasihttp.component.types;

/**
 * The primitive value types: {@code bool}, the integers, the floats, {@code char} and {@code
 * string}.
 */
public enum PrimitiveType implements ValType {
  BOOL("bool"),
  S8("s8"),
  U8("u8"),
  S16("s16"),
  U16("u16"),
  S32("s32"),
  U32("u32"),
  S64("s64"),
  U64("u64"),
  F32("f32"),
  F64("f64"),
  CHAR("char"),
  STRING("string");

  private final String wit;

  PrimitiveType(String wit) {
    this.wit = wit;
  }

  @Override
  public String wit() {
    return wit;
  }
}
