package dev.wasihttp.component.internal.binary;

import java.util.List;

/**
 * A canonical definition (Binary.md, "Canonical Definitions"). Only the synchronous WASI 0.2
 * built-ins are decoded; the async, stream, future, error-context and thread built-ins are refused.
 */
public sealed interface Canon {

  /**
   * {@code 0x00 0x00}: lift core function {@code coreFuncIndex} to function type {@code typeIndex}.
   */
  record Lift(int coreFuncIndex, List<CanonOpt> options, int typeIndex) implements Canon {
    public Lift {
      options = List.copyOf(options);
    }
  }

  /** {@code 0x01 0x00}: lower component function {@code funcIndex} to a core function. */
  record Lower(int funcIndex, List<CanonOpt> options) implements Canon {
    public Lower {
      options = List.copyOf(options);
    }
  }

  /** {@code 0x02}: {@code resource.new} of resource type {@code typeIndex}. */
  record ResourceNew(int typeIndex) implements Canon {}

  /** {@code 0x03}: {@code resource.drop} of resource type {@code typeIndex}. */
  record ResourceDrop(int typeIndex) implements Canon {}

  /** {@code 0x04}: {@code resource.rep} of resource type {@code typeIndex}. */
  record ResourceRep(int typeIndex) implements Canon {}
}
