package dev.wasihttp.component.internal.wit;

import java.util.Set;

/** WIT identifiers: keywords are written with a leading {@code %}. */
final class Ident {
  private static final Set<String> KEYWORDS =
      Set.of(
          "as",
          "async",
          "bool",
          "borrow",
          "char",
          "constructor",
          "enum",
          "export",
          "f32",
          "f64",
          "flags",
          "from",
          "func",
          "future",
          "import",
          "include",
          "interface",
          "list",
          "option",
          "own",
          "package",
          "record",
          "resource",
          "result",
          "s16",
          "s32",
          "s64",
          "s8",
          "static",
          "stream",
          "string",
          "tuple",
          "type",
          "u16",
          "u32",
          "u64",
          "u8",
          "use",
          "variant",
          "with",
          "world",
          "error-context",
          "_");

  private Ident() {}

  static String of(String name) {
    return KEYWORDS.contains(name) ? "%" + name : name;
  }
}
