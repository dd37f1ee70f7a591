/**
 * {@code wasi:clocks} 0.2: {@link dev.wasihttp.wasi.clocks.WasiClocks} registers monotonic-clock
 * (with timers as pollables) and wall-clock; {@link dev.wasihttp.wasi.clocks.MonotonicClock} and
 * {@link dev.wasihttp.wasi.clocks.WallClock} are the replaceable time sources.
 */
package dev.wasihttp.wasi.clocks;
