package dev.wasihttp.component.types;

/**
 * The primitive value types: {@code bool}, the integers, the floats, {@code char} and {@code
 * string}.
 */
public enum PrimitiveType implements ValType {
  BOOL("bool", Kind.BOOL),
  S8("s8", Kind.S8),
  U8("u8", Kind.U8),
  S16("s16", Kind.S16),
  U16("u16", Kind.U16),
  S32("s32", Kind.S32),
  U32("u32", Kind.U32),
  S64("s64", Kind.S64),
  U64("u64", Kind.U64),
  F32("f32", Kind.F32),
  F64("f64", Kind.F64),
  CHAR("char", Kind.CHAR),
  STRING("string", Kind.STRING);

  private final String wit;
  private final Kind kind;

  PrimitiveType(String wit, Kind kind) {
    this.wit = wit;
    this.kind = kind;
  }

  @Override
  public String wit() {
    return wit;
  }

  @Override
  public Kind kind() {
    return kind;
  }
}
