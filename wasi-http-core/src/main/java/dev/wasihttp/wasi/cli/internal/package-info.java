/** The {@code wasi:cli} standard output and error line buffers. Not API. */
package dev.wasihttp.wasi.cli.internal;
