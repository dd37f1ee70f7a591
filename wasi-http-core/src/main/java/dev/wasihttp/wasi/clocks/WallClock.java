package dev.wasihttp.wasi.clocks;

import java.time.Duration;
import java.time.Instant;

/**
 * The source of {@code wasi:clocks/wall-clock}: the time of day, which may jump. Replace it in
 * {@code WasiConfig} to make time deterministic in tests. Implementations must be thread-safe.
 */
public interface WallClock {
  /** Now, at or after the Unix epoch (the WIT's {@code datetime} is unsigned). */
  Instant now();

  /** The clock's resolution, positive. */
  Duration resolution();

  /** {@link Instant#now()}; resolution 1 µs (the JDK's clock on Linux). */
  static WallClock system() {
    return new WallClock() {
      @Override
      public Instant now() {
        return Instant.now();
      }

      @Override
      public Duration resolution() {
        return Duration.ofNanos(1000);
      }
    };
  }

  /** A clock that always says {@code instant}, with resolution 1 ns: for tests. */
  static WallClock fixed(Instant instant) {
    return new WallClock() {
      @Override
      public Instant now() {
        return instant;
      }

      @Override
      public Duration resolution() {
        return Duration.ofNanos(1);
      }
    };
  }
}
