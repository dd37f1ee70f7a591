/**
 * One instance's WASI 0.2 state and what it is granted: {@link dev.wasihttp.wasi.WasiConfig} says
 * what a component may see (environment, a read-only directory, clocks, random sources, output
 * sinks), each instance keeps its state in a {@link dev.wasihttp.wasi.WasiContext}, and its data is
 * a {@link dev.wasihttp.wasi.WasiView} so the host functions find that context without a cast.
 * {@code wasi.host.WasiHost} registers every interface on a linker.
 *
 * <pre>{@code
 * Linker<WasiView> linker = WasiHost.addToLinker(new Linker<>());
 * InstancePre<WasiView> pre = linker.instantiatePre(component);
 * try (WasiContext wasi = new WasiContext(config)) {
 *   ComponentInstance<WasiView> instance = pre.instantiate(() -> wasi);
 *   ...
 * }
 * }</pre>
 *
 * <p>Below this package, {@code io} and {@code clocks} hold what hosts and embedders implement
 * (streams, pollables, clocks); above it, each family's host functions live in {@code
 * wasi.<family>.internal} and {@code wasi.host} registers them all.
 */
package dev.wasihttp.wasi;
