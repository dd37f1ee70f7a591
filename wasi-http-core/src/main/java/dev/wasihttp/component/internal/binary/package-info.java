/**
 * The Component Model binary decoder: turns the bytes of a WASI 0.2 component into an immutable
 * tree of records ({@link dev.wasihttp.component.internal.binary.ComponentAst}) named in the words
 * of {@code design/mvp/Binary.md} of WebAssembly/component-model.
 *
 * <p>The decoder only decodes: it checks that the bytes follow the grammar (section framing, LEB128
 * integers, UTF-8 names, opcodes), not that indices resolve or that types match; that is the
 * linker's validation. Every failure is a {@link dev.wasihttp.component.ComponentException} of kind
 * {@code MALFORMED} naming the byte offset in the outermost binary. Features of the component model
 * beyond WASI 0.2 (async, streams, futures, error contexts, fixed-length lists, maps, value
 * definitions) are refused with a message naming the opcode and its offset.
 *
 * <p>Entry point: {@link dev.wasihttp.component.internal.binary.ComponentDecoder#decode(byte[])}.
 * Decoding is pure and every type here is immutable, so results may be shared between threads.
 */
package dev.wasihttp.component.internal.binary;
