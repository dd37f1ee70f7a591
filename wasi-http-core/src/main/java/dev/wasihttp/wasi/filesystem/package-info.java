/**
 * {@code wasi:filesystem} 0.2: {@link dev.wasihttp.wasi.filesystem.WasiFilesystem} registers types
 * and preopens over at most one read-only host directory.
 */
package dev.wasihttp.wasi.filesystem;
