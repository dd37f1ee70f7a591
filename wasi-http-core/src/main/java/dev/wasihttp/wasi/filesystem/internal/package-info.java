/**
 * The {@code wasi:filesystem} host: confined path resolution ({@code PathResolver}), descriptor
 * functions, stat and metadata hashes, file streams. Not API.
 */
package dev.wasihttp.wasi.filesystem.internal;
