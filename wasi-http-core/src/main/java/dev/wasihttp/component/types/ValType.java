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
}
