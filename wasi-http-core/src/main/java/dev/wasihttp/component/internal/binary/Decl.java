package dev.wasihttp.component.internal.binary;

/**
 * A declarator of a component type or an instance type (Binary.md, {@code componentdecl} and {@code
 * instancedecl}). Each type has its own initially empty index spaces.
 */
public sealed interface Decl {

  /** {@code 0x00}: a core type. */
  record CoreTypeDecl(CoreDefType type) implements Decl {}

  /** {@code 0x01}: a type. */
  record TypeDecl(DefType type) implements Decl {}

  /** {@code 0x02}: an alias. */
  record AliasDecl(Sort sort, AliasTarget target) implements Decl {}

  /** {@code 0x03}: an import (component types only). */
  record ImportDecl(ExternName name, ExternDesc desc) implements Decl {}

  /** {@code 0x04}: an export; it adds an index to its sort's index space. */
  record ExportDecl(ExternName name, ExternDesc desc) implements Decl {}
}
