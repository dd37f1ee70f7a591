package dev.wasihttp.wasi.clocks;

import dev.wasihttp.component.Linker;
import dev.wasihttp.component.values.Val;
import dev.wasihttp.wasi.clocks.internal.ClocksHost;
import dev.wasihttp.wasi.internal.Definer;
import dev.wasihttp.wasi.internal.Host;
import dev.wasihttp.wasi.io.HostPollable;
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
public final class WasiClocks {
  private WasiClocks() {}

  /** Registers {@code wasi:clocks/monotonic-clock} and {@code wall-clock} at 0.2.12. */
  public static void addToLinker(Linker linker) {
    ClocksHost.define(Definer.of(linker));
  }

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
    return new Val.Record(
        List.of(
            new Val.Record.Field("seconds", Host.u64(seconds)),
            new Val.Record.Field("nanoseconds", new Val.U32(nanos))));
  }
}
