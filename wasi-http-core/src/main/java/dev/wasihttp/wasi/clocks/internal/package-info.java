/** The {@code wasi:clocks} host functions. Not API. */
package dev.wasihttp.wasi.clocks.internal;
