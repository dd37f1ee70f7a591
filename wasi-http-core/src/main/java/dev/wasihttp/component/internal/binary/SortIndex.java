package dev.wasihttp.component.internal.binary;

/**
 * An index into the index space of a sort (Binary.md, {@code sortidx} and {@code core:sortidx}).
 *
 * @param sort the index space
 * @param index the index in it
 */
public record SortIndex(Sort sort, int index) {}
