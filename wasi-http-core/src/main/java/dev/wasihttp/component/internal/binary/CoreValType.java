package dev.wasihttp.component.internal.binary;

/**
 * A core value type (core spec, "Value Types") as it appears in a component's core types and
 * resource representations, and in the function types of parsed core modules. Reference types are
 * the nullable abstract ones the exception-handling and reference-types proposals define; GC and
 * typed function references are refused by the decoder, and a parsed module's are {@link
 * #OTHER_REF}.
 */
public enum CoreValType {
  I32,
  I64,
  F32,
  F64,
  V128,
  FUNCREF,
  EXTERNREF,
  EXNREF,
  /**
   * Any other reference type (GC, typed function references) of a parsed core module: never decoded
   * from a component's own types, never produced by the canonical ABI.
   */
  OTHER_REF;

  /** Whether this is a reference type. */
  boolean isReference() {
    return this == FUNCREF || this == EXTERNREF || this == EXNREF || this == OTHER_REF;
  }
}
