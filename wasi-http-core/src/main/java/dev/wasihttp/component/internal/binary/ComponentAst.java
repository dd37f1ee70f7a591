package dev.wasihttp.component.internal.binary;

import java.util.List;

/**
 * A decoded component (Binary.md, "Component Definitions"): {@code definitions} holds every item of
 * every non-custom section in binary order, sections flattened, because index spaces are built in
 * that order. Nested components are {@code ComponentAst}s too.
 *
 * @param definitions the section items in binary order (immutable)
 * @param names the {@code component-name} custom section, or {@code null} when absent or malformed
 * @param offset byte offset of this component's preamble in the outermost binary
 */
public record ComponentAst(List<Definition> definitions, ComponentNames names, long offset) {
  public ComponentAst {
    definitions = List.copyOf(definitions);
  }
}
