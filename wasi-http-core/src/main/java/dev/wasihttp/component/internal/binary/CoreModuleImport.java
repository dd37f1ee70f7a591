package dev.wasihttp.component.internal.binary;

/**
 * One import of a parsed core module: the two-level name it is imported under, its kind ({@code
 * func}, {@code table}, {@code memory}, {@code global} or {@code tag}) and, for a function, its
 * type. What validation and linking need to know of a core module, without its engine.
 *
 * @param funcType the function's type, or null for other kinds
 */
public record CoreModuleImport(String module, String name, String kind, CoreFuncType funcType) {}
