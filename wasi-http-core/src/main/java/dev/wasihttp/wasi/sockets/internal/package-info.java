/** The {@code wasi:sockets} host functions. Not API. */
package dev.wasihttp.wasi.sockets.internal;
