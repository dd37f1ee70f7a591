package dev.wasihttp.component.internal.binary;

/** The bound of a type import or export (Binary.md, {@code typebound}). */
public sealed interface TypeBound {

  /** {@code 0x00}: {@code (eq i)}, an alias of type {@code typeIndex}. */
  record Eq(int typeIndex) implements TypeBound {}

  /** {@code 0x01}: {@code (sub resource)}, a fresh abstract resource type. */
  record SubResource() implements TypeBound {}
}
