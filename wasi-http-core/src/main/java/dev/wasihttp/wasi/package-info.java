/**
 * The WASI 0.2 host (every interface family a {@code wasi:http/proxy} component may import, except
 * wasi:http itself): {@link dev.wasihttp.wasi.WasiConfig} says what a component is granted, {@link
 * dev.wasihttp.wasi.WasiHost#addToLinker} registers every interface on a linker, and each instance
 * keeps its state in a {@link dev.wasihttp.wasi.WasiContext} reached through the data object's
 * {@link dev.wasihttp.wasi.WasiView}.
 *
 * <pre>{@code
 * Linker linker = new Linker();
 * WasiHost.addToLinker(linker);
 * InstancePre pre = linker.instantiatePre(component);
 * try (WasiContext wasi = new WasiContext(config)) {
 *   ComponentInstance instance = pre.instantiate((WasiView) () -> wasi);
 *   ...
 * }
 * }</pre>
 *
 * <p>One package per interface family ({@code io}, {@code clocks}, {@code random}, {@code cli},
 * {@code filesystem}, {@code sockets}), each with its implementation in an {@code internal}
 * sub-package.
 */
package dev.wasihttp.wasi;
