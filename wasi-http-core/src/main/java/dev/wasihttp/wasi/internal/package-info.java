/** Helpers shared by the WASI host's interface families; not API. */
package dev.wasihttp.wasi.internal;
