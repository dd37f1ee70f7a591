package dev.wasihttp.component.internal.binary;

/**
 * One export of a parsed core module: its name, its kind ({@code func}, {@code table}, {@code
 * memory}, {@code global} or {@code tag}) and, for a function, its type.
 *
 * @param funcType the function's type, or null for other kinds
 */
public record CoreModuleExport(String name, String kind, CoreFuncType funcType) {}
