package dev.wasihttp.component.internal.binary;

/** The type of an import or export (Binary.md, {@code externtype}). */
public sealed interface ExternDesc {

  /** {@code 0x00 0x11}: {@code (core module (type i))}. */
  record CoreModuleDesc(int coreTypeIndex) implements ExternDesc {}

  /** {@code 0x01}: {@code (func (type i))}. */
  record FuncDesc(int typeIndex) implements ExternDesc {}

  /** {@code 0x02 0x01} (🪙): {@code (value t)}. */
  record ValueDesc(TypeRef type) implements ExternDesc {}

  /** {@code 0x02 0x00} (🪙): {@code (value (eq i))}, the same type as value {@code valueIndex}. */
  record ValueEqDesc(int valueIndex) implements ExternDesc {}

  /** {@code 0x03}: {@code (type b)}. */
  record TypeDesc(TypeBound bound) implements ExternDesc {}

  /** {@code 0x04}: {@code (component (type i))}. */
  record ComponentDesc(int typeIndex) implements ExternDesc {}

  /** {@code 0x05}: {@code (instance (type i))}. */
  record InstanceDesc(int typeIndex) implements ExternDesc {}
}
