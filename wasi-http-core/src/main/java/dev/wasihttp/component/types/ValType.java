package dev.wasihttp.component.types;

/**
 * A component-model value type ({@code valtype} in the binary format, a WIT type in source form).
 *
 * <p>Types are immutable and compared structurally, except {@link ResourceType}, which has
 * identity: two resources with the same name are different types (Explainer, "Type definitions").
 * Every type knows its WIT spelling through {@link #wit()}.
 */
public sealed interface ValType
    permits PrimitiveType,
        ListType,
        RecordType,
        TupleType,
        VariantType,
        EnumType,
        OptionType,
        ResultType,
        FlagsType,
        OwnType,
        BorrowType {

  /** This type written as WIT, with anonymous structure spelled out (e.g. {@code list<u8>}). */
  String wit();

  /**
   * Which WIT type this is. Code that treats every kind switches over it without a {@code default},
   * so a new kind (WASI 0.3 adds {@code stream}, {@code future}, {@code error-context}) fails to
   * compile wherever it is not handled yet. Values have the same kinds ({@code Val.kind()}).
   */
  Kind kind();

  /** The kinds of value types: one per WIT type, each primitive its own. */
  enum Kind {
    BOOL,
    S8,
    U8,
    S16,
    U16,
    S32,
    U32,
    S64,
    U64,
    F32,
    F64,
    CHAR,
    STRING,
    LIST,
    RECORD,
    TUPLE,
    VARIANT,
    ENUM,
    OPTION,
    RESULT,
    FLAGS,
    OWN,
    BORROW
  }
}
