/**
 * The canonical ABI (CanonicalABI.md): sizes and alignments, flattening, loading and storing values
 * in linear memory, string transcoding, and lifting and lowering whole calls.
 */
package dev.wasihttp.component.internal.abi;
