package dev.wasihttp.component.internal.binary;

/** What an alias refers to (Binary.md, {@code alias}). */
public sealed interface AliasTarget {

  /** {@code 0x00}: export {@code name} of component instance {@code instanceIndex}. */
  record Export(int instanceIndex, String name) implements AliasTarget {}

  /** {@code 0x01}: export {@code name} of core instance {@code coreInstanceIndex}. */
  record CoreExport(int coreInstanceIndex, String name) implements AliasTarget {}

  /**
   * {@code 0x02}: index {@code index} of the enclosing scope {@code count} scopes out (0 is the
   * current scope).
   */
  record Outer(int count, int index) implements AliasTarget {}
}
