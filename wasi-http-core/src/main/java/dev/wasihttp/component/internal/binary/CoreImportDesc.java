package dev.wasihttp.component.internal.binary;

/** A core extern type (core spec, {@code externtype}) as used in module type declarators. */
public sealed interface CoreImportDesc {

  /** {@code 0x00}: a function of core type {@code typeIndex}. */
  record Func(int typeIndex) implements CoreImportDesc {}

  /** {@code 0x01}: a table; {@code max} is {@code null} when absent. */
  record Table(CoreValType elem, long min, Long max) implements CoreImportDesc {}

  /**
   * {@code 0x02}: a memory, in pages; {@code max} is {@code null} when absent.
   *
   * @param is64 a memory64 memory (limits flag {@code 0x04})
   * @param shared a shared memory (limits flag {@code 0x02})
   */
  record Memory(long min, Long max, boolean is64, boolean shared) implements CoreImportDesc {}

  /** {@code 0x03}: a global. */
  record Global(CoreValType type, boolean mutable) implements CoreImportDesc {}

  /** {@code 0x04}: an exception tag of function type {@code typeIndex}. */
  record Tag(int typeIndex) implements CoreImportDesc {}
}
