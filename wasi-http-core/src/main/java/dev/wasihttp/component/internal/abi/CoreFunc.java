package dev.wasihttp.component.internal.abi;

/**
 * A core wasm function as the canonical ABI calls it ({@code realloc}, {@code post-return}, the
 * callee of {@code canon lift}). Core values travel as {@code long}s the way the engine keeps them:
 * i32 in the low 32 bits, f32 and f64 as their raw IEEE bits. A guest trap surfaces as a {@link
 * dev.wasihttp.component.errors.Trap}.
 */
@FunctionalInterface
public interface CoreFunc {
  long[] call(long... args);
}
