package dev.wasihttp.component.internal.binary;

/** A declarator of a core module type (Binary.md, {@code core:moduledecl}). */
public sealed interface ModuleDecl {

  /** {@code 0x00}: an import. */
  record CoreImportDecl(String module, String name, CoreImportDesc desc) implements ModuleDecl {}

  /** {@code 0x01}: a core type (validation rejects a module type here). */
  record CoreTypeDeclInModule(CoreDefType type) implements ModuleDecl {}

  /** {@code 0x02 0x10 0x01}: {@code (alias outer ct idx (type))}. */
  record CoreOuterAlias(int count, int index) implements ModuleDecl {}

  /** {@code 0x03}: an export. */
  record CoreExportDecl(String name, CoreImportDesc desc) implements ModuleDecl {}
}
