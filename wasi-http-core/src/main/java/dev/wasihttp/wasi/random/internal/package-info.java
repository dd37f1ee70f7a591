/** The {@code wasi:random} host functions. Not API. */
package dev.wasihttp.wasi.random.internal;
