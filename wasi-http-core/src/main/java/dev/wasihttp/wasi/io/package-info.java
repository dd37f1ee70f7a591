/**
 * {@code wasi:io} 0.2, what other hosts implement to hand a guest streams and pollables: {@link
 * dev.wasihttp.wasi.io.HostInputStream}, {@link dev.wasihttp.wasi.io.HostOutputStream}, {@link
 * dev.wasihttp.wasi.io.HostPollable}, their errors ({@link dev.wasihttp.wasi.io.StreamError},
 * {@link dev.wasihttp.wasi.io.IoError}), and the per-instance {@link dev.wasihttp.wasi.io.Waker}
 * that producers on other threads signal. The host functions, and the helpers other hosts use to
 * push such objects into an instance's table, are in {@code wasi.io.internal}.
 */
package dev.wasihttp.wasi.io;
