package dev.wasihttp.wasi.clocks.internal;

import static dev.wasihttp.wasi.WasiHarness.u64;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasihttp.component.values.Val;
import dev.wasihttp.wasi.WasiConfig;
import dev.wasihttp.wasi.WasiHarness;
import dev.wasihttp.wasi.clocks.MonotonicClock;
import dev.wasihttp.wasi.clocks.WallClock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** {@code wasi:clocks} on replaceable clocks: deterministic in tests. */
class ClocksHostTest {
  final AtomicLong nanos = new AtomicLong(1_000);
  final MonotonicClock manual =
      new MonotonicClock() {
        @Override
        public long now() {
          return nanos.get();
        }

        @Override
        public long resolution() {
          return 10;
        }
      };
  final WasiHarness guest =
      new WasiHarness(
          WasiConfig.builder()
              .monotonicClock(manual)
              .wallClock(WallClock.fixed(Instant.ofEpochSecond(1_700_000_000L, 5)))
              .build());

  static Val datetime(long seconds, long nanos) {
    return new Val.RecordValue(
        List.of(
            new Val.RecordValue.Field("seconds", u64(seconds)),
            new Val.RecordValue.Field("nanoseconds", new Val.U32(nanos))));
  }

  Val ready(Val pollable) {
    return guest.method("io/poll", "pollable", "ready", pollable);
  }

  @Test
  void monotonicClockReadsTheConfiguredClock() {
    assertEquals(u64(1_000), guest.call("clocks/monotonic-clock", "now"));
    assertEquals(u64(10), guest.call("clocks/monotonic-clock", "resolution"));
  }

  @Test
  void timersBecomeReadyWhenTheClockReachesThem() {
    Val instant = guest.call("clocks/monotonic-clock", "subscribe-instant", u64(1_500));
    Val duration = guest.call("clocks/monotonic-clock", "subscribe-duration", u64(200));
    Val past = guest.call("clocks/monotonic-clock", "subscribe-instant", u64(0));
    assertEquals(new Val.Bool(false), ready(instant));
    assertEquals(new Val.Bool(false), ready(duration));
    assertEquals(new Val.Bool(true), ready(past));
    nanos.set(1_200);
    assertEquals(new Val.Bool(true), ready(duration));
    assertEquals(new Val.Bool(false), ready(instant));
    nanos.set(1_500);
    assertEquals(new Val.Bool(true), ready(instant));
  }

  @Test
  void aDurationThatOverflowsIsNeverReady() {
    nanos.set(Long.MAX_VALUE);
    Val never = guest.call("clocks/monotonic-clock", "subscribe-duration", u64(-1L));
    assertEquals(new Val.Bool(false), ready(never));
  }

  @Test
  void wallClockReadsTheConfiguredClock() {
    assertEquals(datetime(1_700_000_000L, 5), guest.call("clocks/wall-clock", "now"));
    assertEquals(datetime(0, 1), guest.call("clocks/wall-clock", "resolution"));
  }

  @Test
  void timesBeforeTheEpochReadAsTheEpoch() {
    assertEquals(datetime(0, 0), ClocksHost.datetime(Instant.ofEpochSecond(-5, 3)));
  }
}
