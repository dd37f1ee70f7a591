package dev.wasihttp.component.internal.binary;

import dev.wasihttp.component.types.PrimitiveType;

/**
 * A {@code valtype} (Binary.md, "Type Definitions"): a primitive value type or an index into the
 * type index space. The binary encodes both in one s33 LEB128: negative one-byte values are
 * primitive opcodes, non-negative values are type indices.
 */
public sealed interface TypeRef {

  /** A primitive value type. */
  record Primitive(PrimitiveType type) implements TypeRef {}

  /** An index into the type index space. */
  record Index(int index) implements TypeRef {}
}
