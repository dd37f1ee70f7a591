package dev.wasihttp.component.internal.binary;

import java.util.List;

/**
 * One item of a component section (Binary.md, "Component Definitions"): each case is the definition
 * a section's {@code vec} element (or the whole section, for modules, components and {@code start})
 * contributes to the component.
 */
public sealed interface Definition {
  /** Which definition this is, for switches that must handle every kind. */
  Kind kind();

  /** The kinds of definition, one per record here. */
  enum Kind {
    CORE_MODULE,
    CORE_INSTANCE,
    CORE_TYPE,
    COMPONENT,
    INSTANCE,
    ALIAS,
    TYPE,
    CANON,
    START,
    IMPORT,
    EXPORT
  }

  /** Byte offset in the outermost binary where this item starts. */
  long offset();

  /**
   * A core module (section 1).
   *
   * @param bytes the module's complete binary, preamble included, for the core engine; shared, not
   *     copied: callers must not modify it
   */
  record CoreModuleDef(byte[] bytes, long offset) implements Definition {
    @Override
    public Kind kind() {
      return Kind.CORE_MODULE;
    }
  }

  /** A core instance (section 2). */
  record CoreInstanceDef(CoreInstanceExpr expr, long offset) implements Definition {
    @Override
    public Kind kind() {
      return Kind.CORE_INSTANCE;
    }
  }

  /** A core type (section 3). */
  record CoreTypeDef(CoreDefType type, long offset) implements Definition {
    @Override
    public Kind kind() {
      return Kind.CORE_TYPE;
    }
  }

  /** A nested component (section 4). */
  record NestedComponentDef(ComponentAst component, long offset) implements Definition {
    @Override
    public Kind kind() {
      return Kind.COMPONENT;
    }
  }

  /** A component instance (section 5). */
  record InstanceDef(InstanceExpr expr, long offset) implements Definition {
    @Override
    public Kind kind() {
      return Kind.INSTANCE;
    }
  }

  /** An alias (section 6): a new index in {@code sort}'s index space. */
  record AliasDef(Sort sort, AliasTarget target, long offset) implements Definition {
    @Override
    public Kind kind() {
      return Kind.ALIAS;
    }
  }

  /** A component type (section 7). */
  record TypeDef(DefType type, long offset) implements Definition {
    @Override
    public Kind kind() {
      return Kind.TYPE;
    }
  }

  /** A canonical definition (section 8). */
  record CanonDef(Canon canon, long offset) implements Definition {
    @Override
    public Kind kind() {
      return Kind.CANON;
    }
  }

  /**
   * A start definition (section 9, 🪙): calls {@code funcIndex} with values {@code args} and
   * appends {@code resultCount} values to the value index space.
   */
  record StartDef(int funcIndex, List<Integer> args, int resultCount, long offset)
      implements Definition {
    @Override
    public Kind kind() {
      return Kind.START;
    }

    public StartDef {
      args = List.copyOf(args);
    }
  }

  /** An import (section 10). */
  record ImportDef(ExternName name, ExternDesc desc, long offset) implements Definition {
    @Override
    public Kind kind() {
      return Kind.IMPORT;
    }
  }

  /**
   * An export (section 11). Every export adds an index to its sort's index space (Binary.md,
   * "Import and Export Definitions").
   *
   * @param ascribed the optional ascribed {@code externtype}, or {@code null}
   */
  record ExportDef(ExternName name, SortIndex item, ExternDesc ascribed, long offset)
      implements Definition {
    @Override
    public Kind kind() {
      return Kind.EXPORT;
    }
  }
}
