package dev.wasihttp.component.internal.binary;

import java.util.List;

/**
 * A canonical definition (Binary.md, "Canonical Definitions"). Only the synchronous WASI 0.2
 * built-ins are decoded; the async, stream, future, error-context and thread built-ins are refused.
 */
public sealed interface Canon {
  /** Which built-in this is, for switches that must handle every one. */
  Kind kind();

  /**
   * The canonical built-ins decoded here; WASI 0.3 adds the async, stream, future and error-context
   * ones.
   */
  enum Kind {
    LIFT,
    LOWER,
    RESOURCE_NEW,
    RESOURCE_DROP,
    RESOURCE_REP
  }

  /**
   * {@code 0x00 0x00}: lift core function {@code coreFuncIndex} to function type {@code typeIndex}.
   */
  record Lift(int coreFuncIndex, List<CanonOpt> options, int typeIndex) implements Canon {
    @Override
    public Kind kind() {
      return Kind.LIFT;
    }

    public Lift {
      options = List.copyOf(options);
    }
  }

  /** {@code 0x01 0x00}: lower component function {@code funcIndex} to a core function. */
  record Lower(int funcIndex, List<CanonOpt> options) implements Canon {
    @Override
    public Kind kind() {
      return Kind.LOWER;
    }

    public Lower {
      options = List.copyOf(options);
    }
  }

  /** {@code 0x02}: {@code resource.new} of resource type {@code typeIndex}. */
  record ResourceNew(int typeIndex) implements Canon {
    @Override
    public Kind kind() {
      return Kind.RESOURCE_NEW;
    }
  }

  /** {@code 0x03}: {@code resource.drop} of resource type {@code typeIndex}. */
  record ResourceDrop(int typeIndex) implements Canon {
    @Override
    public Kind kind() {
      return Kind.RESOURCE_DROP;
    }
  }

  /** {@code 0x04}: {@code resource.rep} of resource type {@code typeIndex}. */
  record ResourceRep(int typeIndex) implements Canon {
    @Override
    public Kind kind() {
      return Kind.RESOURCE_REP;
    }
  }
}
