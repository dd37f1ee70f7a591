/**
 * Component-model types as WIT describes them: value types ({@link
 * dev.wasihttp.component.types.ValType}), function types and resource types. Immutable and
 * thread-safe.
 */
package dev.wasihttp.component.types;
