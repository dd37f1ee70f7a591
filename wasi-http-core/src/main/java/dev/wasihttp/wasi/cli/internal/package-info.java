/** The {@code wasi:cli} host functions and the standard output and error line buffers. Not API. */
package dev.wasihttp.wasi.cli.internal;
