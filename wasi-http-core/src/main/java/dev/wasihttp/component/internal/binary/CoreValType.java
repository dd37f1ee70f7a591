package dev.wasihttp.component.internal.binary;

/**
 * A core value type as it appears in a component's core types and resource representations (core
 * spec, "Value Types"). Reference types are the nullable abstract ones the exception-handling and
 * reference-types proposals define; GC and typed function references are refused by the decoder.
 */
public enum CoreValType {
  I32,
  I64,
  F32,
  F64,
  V128,
  FUNCREF,
  EXTERNREF,
  EXNREF;

  /** Whether this is a reference type. */
  public boolean isReference() {
    return this == FUNCREF || this == EXTERNREF || this == EXNREF;
  }
}
