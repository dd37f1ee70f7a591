package dev.wasihttp.component.internal.binary;

import java.util.List;

/** How a core instance is made (Binary.md, {@code core:instanceexpr}). */
public sealed interface CoreInstanceExpr {

  /** {@code 0x00}: instantiate core module {@code moduleIndex} with named core instances. */
  record Instantiate(int moduleIndex, List<CoreInstantiateArg> args) implements CoreInstanceExpr {
    public Instantiate {
      args = List.copyOf(args);
    }
  }

  /** {@code 0x01}: a bag of inline exports. */
  record FromExports(List<CoreInlineExport> exports) implements CoreInstanceExpr {
    public FromExports {
      exports = List.copyOf(exports);
    }
  }

  /** {@code (with "name" (instance i))}: the sort byte is always {@code 0x12} (instance). */
  record CoreInstantiateArg(String name, int instanceIndex) {}

  /** {@code (export "name" (sort idx))}; {@code item.sort()} is a core sort. */
  record CoreInlineExport(String name, SortIndex item) {}
}
