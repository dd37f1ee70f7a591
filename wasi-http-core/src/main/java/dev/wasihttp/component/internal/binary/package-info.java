/**
 * The Component Model binary decoder: turns the bytes of a WASI 0.2 component into an immutable
 * tree of records ({@link dev.wasihttp.component.internal.binary.ComponentAst}) named in the words
 * of {@code design/mvp/Binary.md} of WebAssembly/component-model.
 *
 * <p>The decoder only decodes: it checks that the bytes follow the grammar (section framing, LEB128
 * integers, UTF-8 names, opcodes), not the rules Binary.md leaves to validation: indices are not
 * resolved, types are not compared, and records, variants, tuples, flags and enums may be empty,
 * names need not be kebab-case or unique, and options may repeat. That is the linker's job. Core
 * modules are only framed (preamble, section ids, order and sizes); the core engine parses them.
 *
 * <p>Every failure is a {@link dev.wasihttp.component.errors.ComponentException} of kind {@code
 * MALFORMED} naming the byte offset in the outermost binary, except an index too large to name
 * anything (past {@code Integer.MAX_VALUE}), which is {@code INVALID}. Features beyond WASI 0.2
 * (async functions and built-ins, streams, futures, error contexts, fixed-length lists, maps,
 * threads, value definitions, GC core types) are refused with a message naming the opcode and its
 * offset. A malformed {@code component-name} section is ignored, as Binary.md requires.
 *
 * <p>Entry point: {@link dev.wasihttp.component.internal.binary.ComponentDecoder#decode(byte[])}.
 * Decoding is pure and every type here is immutable, so results may be shared between threads.
 */
package dev.wasihttp.component.internal.binary;
