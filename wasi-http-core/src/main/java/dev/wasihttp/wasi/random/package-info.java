/**
 * {@code wasi:random} 0.2: {@link dev.wasihttp.wasi.random.WasiRandom} registers random, insecure
 * and insecure-seed over the configured sources.
 */
package dev.wasihttp.wasi.random;
