/**
 * The WASI 0.2 host as one registration: {@link dev.wasihttp.wasi.host.WasiHost} defines every
 * interface of io, clocks, random, cli, filesystem and sockets on a linker whose per-instance data
 * is a {@link dev.wasihttp.wasi.WasiView}. The families' host functions live in {@code
 * dev.wasihttp.wasi.<family>.internal}.
 */
package dev.wasihttp.wasi.host;
