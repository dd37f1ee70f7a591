package dev.wasihttp.wasi.random.internal;

import dev.wasihttp.component.host.Caller;
import dev.wasihttp.component.values.Val;
import dev.wasihttp.wasi.WasiConfig;
import dev.wasihttp.wasi.WasiContext;
import dev.wasihttp.wasi.WasiView;
import dev.wasihttp.wasi.internal.Definer;
import dev.wasihttp.wasi.internal.Host;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * {@code wasi:random/random}, {@code insecure} and {@code insecure-seed}, drawing from the sources
 * of the instance's {@code WasiConfig}. A request for more than {@link WasiConfig#maxRandomBytes()}
 * bytes traps (the WIT promises exactly {@code len} bytes, so the host cannot return fewer). {@code
 * insecure-seed} answers the same pair for the whole life of an instance: the configured one, else
 * one drawn from the insecure source at first use.
 */
public final class RandomHost {

  private static final String RANDOM = Host.iface("random/random");
  private static final String INSECURE = Host.iface("random/insecure");
  private static final String SEED = Host.iface("random/insecure-seed");

  private RandomHost() {}

  /** Registers {@code wasi:random/random}, {@code insecure} and {@code insecure-seed} at 0.2.12. */
  public static <T extends WasiView> void define(Definer<T> linker) {
    linker.func(RANDOM, "get-random-bytes", (c, a) -> bytes(c, config(c).random(), a.get(0)));
    linker.func(RANDOM, "get-random-u64", (c, a) -> Host.u64(config(c).random().nextLong()));
    linker.func(
        INSECURE,
        "get-insecure-random-bytes",
        (c, a) -> bytes(c, config(c).insecureRandom(), a.get(0)));
    linker.func(
        INSECURE,
        "get-insecure-random-u64",
        (c, a) -> Host.u64(config(c).insecureRandom().nextLong()));
    linker.func(
        SEED,
        "insecure-seed",
        (c, a) -> {
          WasiContext ctx = Host.ctx(c);
          Seed seed =
              ctx.local(
                  Seed.class,
                  () -> {
                    long[] fixed = ctx.config().insecureSeed().orElse(null);
                    RandomGenerator r = ctx.config().insecureRandom();
                    return fixed != null
                        ? new Seed(fixed[0], fixed[1])
                        : new Seed(r.nextLong(), r.nextLong());
                  });
          return new Val.Tuple(List.of(Host.u64(seed.first), Host.u64(seed.second)));
        });
  }

  private record Seed(long first, long second) {}

  private static Val bytes(Caller<? extends WasiView> c, RandomGenerator source, Val len) {
    int n = Host.capped(len, config(c).maxRandomBytes(), "random bytes requested");
    byte[] out = new byte[n];
    source.nextBytes(out);
    return Host.list(out);
  }

  private static WasiConfig config(Caller<? extends WasiView> c) {
    return Host.ctx(c).config();
  }
}
