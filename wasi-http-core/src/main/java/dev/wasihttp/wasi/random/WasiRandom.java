package dev.wasihttp.wasi.random;

import dev.wasihttp.component.Linker;
import dev.wasihttp.wasi.WasiConfig;
import dev.wasihttp.wasi.internal.Definer;
import dev.wasihttp.wasi.random.internal.RandomHost;

/**
 * {@code wasi:random/random}, {@code insecure} and {@code insecure-seed}, drawing from the sources
 * of the instance's {@code WasiConfig}. A request for more than {@link WasiConfig#maxRandomBytes()}
 * bytes traps (the WIT promises exactly {@code len} bytes, so the host cannot return fewer). {@code
 * insecure-seed} answers the same pair for the whole life of an instance: the configured one, else
 * one drawn from the insecure source at first use.
 */
public final class WasiRandom {
  private WasiRandom() {}

  /** Registers {@code wasi:random/random}, {@code insecure} and {@code insecure-seed} at 0.2.12. */
  public static void addToLinker(Linker linker) {
    RandomHost.define(Definer.of(linker));
  }
}
