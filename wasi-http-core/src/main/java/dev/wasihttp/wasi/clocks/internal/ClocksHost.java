package dev.wasihttp.wasi.clocks.internal;

import dev.wasihttp.component.host.Caller;
import dev.wasihttp.wasi.clocks.MonotonicClock;
import dev.wasihttp.wasi.clocks.WallClock;
import dev.wasihttp.wasi.clocks.WasiClocks;
import dev.wasihttp.wasi.internal.Definer;
import dev.wasihttp.wasi.internal.Host;
import dev.wasihttp.wasi.io.WasiIo;
import java.time.Duration;
import java.time.Instant;

/** Registers {@code wasi:clocks/monotonic-clock} and {@code wasi:clocks/wall-clock}. */
public final class ClocksHost {
  private static final String MONOTONIC = Host.iface("clocks/monotonic-clock");
  private static final String WALL = Host.iface("clocks/wall-clock");

  private ClocksHost() {}

  public static void define(Definer linker) {
    linker.func(MONOTONIC, "now", (c, a) -> Host.u64(monotonic(c).now()));
    linker.func(MONOTONIC, "resolution", (c, a) -> Host.u64(monotonic(c).resolution()));
    linker.func(
        MONOTONIC,
        "subscribe-instant",
        (c, a) ->
            WasiIo.pushPollable(Host.ctx(c), WasiClocks.timer(monotonic(c), Host.u64(a.get(0)))));
    linker.func(
        MONOTONIC,
        "subscribe-duration",
        (c, a) -> {
          MonotonicClock clock = monotonic(c);
          long now = clock.now();
          long when = Host.u64(a.get(0));
          // A u64 sum that overflows means "never": saturate.
          long deadline = Long.compareUnsigned(now + when, now) < 0 ? -1L : now + when;
          return WasiIo.pushPollable(Host.ctx(c), WasiClocks.timer(clock, deadline));
        });

    linker.func(WALL, "now", (c, a) -> WasiClocks.datetime(wall(c).now()));
    linker.func(
        WALL,
        "resolution",
        (c, a) -> {
          Duration r = wall(c).resolution();
          return WasiClocks.datetime(Instant.ofEpochSecond(r.getSeconds(), r.getNano()));
        });
  }

  private static MonotonicClock monotonic(Caller c) {
    return Host.ctx(c).config().monotonicClock();
  }

  private static WallClock wall(Caller c) {
    return Host.ctx(c).config().wallClock();
  }
}
