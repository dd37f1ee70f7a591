package dev.wasihttp.component.internal.link;

import dev.wasihttp.component.internal.binary.ComponentAst;
import dev.wasihttp.component.internal.binary.Sort;
import java.util.Map;

/** Names from the {@code component-name} custom section, for messages and printing. */
final class Names {
  private Names() {}

  /** The debug name of type {@code index}, or null. */
  static String typeName(ComponentAst ast, int index) {
    if (ast.names() == null) {
      return null;
    }
    Map<Integer, String> types = ast.names().names().get(Sort.TYPE);
    return types == null ? null : types.get(index);
  }
}
