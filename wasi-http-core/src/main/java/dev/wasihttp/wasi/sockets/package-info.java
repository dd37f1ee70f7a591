/**
 * {@code wasi:sockets} 0.2: {@link dev.wasihttp.wasi.sockets.WasiSockets} links every interface and
 * denies every operation.
 */
package dev.wasihttp.wasi.sockets;
