package dev.wasihttp.wasi.clocks;

/**
 * The source of {@code wasi:clocks/monotonic-clock}: nanoseconds that never go backwards, from an
 * arbitrary origin. Replace it in {@code WasiConfig} to make time deterministic in tests.
 * Implementations must be thread-safe.
 */
public interface MonotonicClock {
  /** Nanoseconds since this clock's origin, never negative, never decreasing. */
  long now();

  /** The clock's resolution in nanoseconds (at least 1). */
  long resolution();

  /** {@link System#nanoTime()} counted from when this clock was created; resolution 1 ns. */
  static MonotonicClock system() {
    long origin = System.nanoTime();
    return new MonotonicClock() {
      @Override
      public long now() {
        return System.nanoTime() - origin;
      }

      @Override
      public long resolution() {
        return 1;
      }
    };
  }
}
