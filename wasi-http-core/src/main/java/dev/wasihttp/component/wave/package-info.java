/**
 * WAVE, the WebAssembly Value Encoding: the text form of component-model values used by {@code
 * wasmtime run --invoke} and {@code wasm-tools} (grammar: bytecodealliance/wasm-tools, {@code
 * crates/wasm-wave}).
 *
 * <p>{@link dev.wasihttp.component.wave.Wave} reads a value of a given type and writes a value in
 * the canonical form the wasm-wave writer produces; {@link dev.wasihttp.component.wave.WaveCall}
 * reads a call expression such as {@code wasi:cli/run.run()} or {@code get-point(1, "x")}. Errors
 * are {@link dev.wasihttp.component.wave.WaveException}s that name the offset in the text.
 * Everything here is stateless or immutable, and thread-safe.
 */
package dev.wasihttp.component.wave;
