package dev.wasihttp.wasi.clocks.internal;

import dev.wasihttp.component.host.Caller;
import dev.wasihttp.component.values.Val;
import dev.wasihttp.wasi.WasiView;
import dev.wasihttp.wasi.clocks.MonotonicClock;
import dev.wasihttp.wasi.clocks.WallClock;
import dev.wasihttp.wasi.internal.Definer;
import dev.wasihttp.wasi.internal.Host;
import dev.wasihttp.wasi.io.HostPollable;
import dev.wasihttp.wasi.io.internal.IoResources;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code wasi:clocks/monotonic-clock} and {@code wasi:clocks/wall-clock}, reading the clocks of the
 * instance's {@code WasiConfig}. {@code subscribe-instant} and {@code subscribe-duration} return
 * pollables that are ready once the monotonic clock reaches the instant; a guest waiting on one
 * sleeps until then (the timer's remaining time is the wait's timeout, measured in real time).
 * Times before the Unix epoch read as the epoch ({@code datetime} is unsigned). The unstable {@code
 * timezone} interface is not provided.
 */
public final class ClocksHost {

  /**
   * A pollable that is ready once {@code clock} reads at least {@code deadline} (unsigned
   * nanoseconds).
   */
  public static HostPollable timer(MonotonicClock clock, long deadline) {
    return new HostPollable() {
      @Override
      public boolean ready() {
        return Long.compareUnsigned(clock.now(), deadline) >= 0;
      }

      @Override
      public long remainingNanos() {
        long now = clock.now();
        if (Long.compareUnsigned(deadline, now) <= 0) {
          return 0;
        }
        long left = deadline - now;
        return left < 0 ? Long.MAX_VALUE : left; // more than 292 years away: never
      }
    };
  }

  /** A WIT {@code datetime} record. */
  public static Val datetime(Instant t) {
    long seconds = Math.max(0, t.getEpochSecond());
    long nanos = t.getEpochSecond() < 0 ? 0 : t.getNano();
    return new Val.RecordValue(
        List.of(
            new Val.RecordValue.Field("seconds", Host.u64(seconds)),
            new Val.RecordValue.Field("nanoseconds", new Val.U32(nanos))));
  }

  private static final String MONOTONIC = Host.iface("clocks/monotonic-clock");
  private static final String WALL = Host.iface("clocks/wall-clock");

  private ClocksHost() {}

  public static <T extends WasiView> void define(Definer<T> linker) {
    linker.func(MONOTONIC, "now", (c, a) -> Host.u64(monotonic(c).now()));
    linker.func(MONOTONIC, "resolution", (c, a) -> Host.u64(monotonic(c).resolution()));
    linker.func(
        MONOTONIC,
        "subscribe-instant",
        (c, a) -> IoResources.pushPollable(Host.ctx(c), timer(monotonic(c), Host.u64(a.get(0)))));
    linker.func(
        MONOTONIC,
        "subscribe-duration",
        (c, a) -> {
          MonotonicClock clock = monotonic(c);
          long now = clock.now();
          long when = Host.u64(a.get(0));
          // A u64 sum that overflows means "never": saturate.
          long deadline = Long.compareUnsigned(now + when, now) < 0 ? -1L : now + when;
          return IoResources.pushPollable(Host.ctx(c), timer(clock, deadline));
        });

    linker.func(WALL, "now", (c, a) -> datetime(wall(c).now()));
    linker.func(
        WALL,
        "resolution",
        (c, a) -> {
          Duration r = wall(c).resolution();
          return datetime(Instant.ofEpochSecond(r.getSeconds(), r.getNano()));
        });
  }

  private static MonotonicClock monotonic(Caller<? extends WasiView> c) {
    return Host.ctx(c).config().monotonicClock();
  }

  private static WallClock wall(Caller<? extends WasiView> c) {
    return Host.ctx(c).config().wallClock();
  }
}
