/**
 * {@code wasi:clocks} 0.2, the replaceable time sources: {@link
 * dev.wasihttp.wasi.clocks.MonotonicClock} and {@link dev.wasihttp.wasi.clocks.WallClock}, given to
 * an instance by its {@code WasiConfig}. The host functions are in {@code wasi.clocks.internal}.
 */
package dev.wasihttp.wasi.clocks;
