package dev.wasihttp.http;

import java.time.Duration;
import java.util.Objects;

/** The bounds every timeout setting shares (the request deadline, the outgoing timeouts). */
public final class Timeouts {
  /** 365 days: the longest timeout; timers count in milliseconds, a bound keeps that exact. */
  public static final Duration MAX = Duration.ofDays(365);

  private Timeouts() {}

  /**
   * {@code timeout}, checked: not negative, not zero unless {@code zeroAllowed}, at most {@link
   * #MAX}.
   *
   * @throws IllegalArgumentException naming the setting {@code name} otherwise
   */
  public static Duration checked(Duration timeout, String name, boolean zeroAllowed) {
    Objects.requireNonNull(timeout, name);
    if (timeout.isNegative() || (timeout.isZero() && !zeroAllowed)) {
      throw new IllegalArgumentException(
          name + (zeroAllowed ? " must not be negative: " : " must be positive: ") + timeout);
    }
    if (timeout.compareTo(MAX) > 0) {
      throw new IllegalArgumentException(name + " must be at most " + MAX + ": " + timeout);
    }
    return timeout;
  }
}
