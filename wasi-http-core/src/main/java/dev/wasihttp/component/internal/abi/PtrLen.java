package dev.wasihttp.component.internal.abi;

/**
 * Where a string or list was stored: its pointer and its length (elements for a list, tagged code
 * units for a string), the pair that goes into memory or into two flat i32 values.
 */
record PtrLen(long ptr, long length) {}
