package dev.wasihttp.component.internal.binary;

import java.util.List;

/** How a component instance is made (Binary.md, {@code instanceexpr}). */
public sealed interface InstanceExpr {

  /** {@code 0x00}: instantiate component {@code componentIndex} with named arguments. */
  record Instantiate(int componentIndex, List<InstantiateArg> args) implements InstanceExpr {
    public Instantiate {
      args = List.copyOf(args);
    }
  }

  /** {@code 0x01}: a bag of inline exports. */
  record FromExports(List<InlineExport> exports) implements InstanceExpr {
    public FromExports {
      exports = List.copyOf(exports);
    }
  }

  /** {@code (with "name" (sort idx))}. */
  record InstantiateArg(String name, SortIndex item) {}

  /** {@code (export "name" (sort idx))}. */
  record InlineExport(ExternName name, SortIndex item) {}
}
