package dev.wasihttp.component.internal.binary;

import java.util.List;

/**
 * A core type in a component's core type section or in a module type (Binary.md, {@code
 * core:deftype}): a function type ({@link CoreFuncType}) or a module type. GC types ({@code 0x00
 * 0x50} subtypes, rec groups, structs, arrays) are refused by the decoder.
 */
public sealed interface CoreDefType permits CoreFuncType, CoreDefType.ModuleType {

  // 0x60, a core function type, is the top-level CoreFuncType: parsed core modules have them too.

  /** {@code 0x50}: a module type, with its own initially empty core type index space. */
  record ModuleType(List<ModuleDecl> decls) implements CoreDefType {
    public ModuleType {
      decls = List.copyOf(decls);
    }
  }
}
