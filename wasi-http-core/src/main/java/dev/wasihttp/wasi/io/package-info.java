/**
 * {@code wasi:io} 0.2: {@link dev.wasihttp.wasi.io.WasiIo} registers error, poll and streams and
 * hands other interfaces' streams and pollables to the guest; {@link
 * dev.wasihttp.wasi.io.HostInputStream}, {@link dev.wasihttp.wasi.io.HostOutputStream} and {@link
 * dev.wasihttp.wasi.io.HostPollable} are what a host object implements to be one; the per-instance
 * {@link dev.wasihttp.wasi.io.Waker} is what producers on other threads signal.
 */
package dev.wasihttp.wasi.io;
