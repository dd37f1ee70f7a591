package dev.wasihttp.servlet;

import dev.wasihttp.component.limits.Sizes;
import java.time.Duration;
import java.util.Locale;

/**
 * The syntax of setting values that the init-params and the command line share: durations, sizes
 * and counts. Each {@code label}led parser's message starts with the setting's name as the user
 * wrote it (e.g. {@code init-param maxBody}, {@code --max-body}) and says what was expected.
 */
public final class OptionValues {
  private OptionValues() {}

  /**
   * A duration: {@code 30s}, {@code 500ms}, {@code 10m}, {@code 1h}, plain seconds ({@code 30}), or
   * ISO-8601 ({@code PT30S}). Range checks are the caller's.
   *
   * @throws IllegalArgumentException when {@code text} is none of these
   */
  public static Duration duration(String text) {
    String value = text.trim();
    try {
      if (value.startsWith("P") || value.startsWith("p")) {
        return Duration.parse(value);
      }
      String v = value.toLowerCase(Locale.ROOT);
      if (v.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).trim()));
      }
      char unit = v.charAt(v.length() - 1);
      if (Character.isDigit(unit)) {
        return Duration.ofSeconds(Long.parseLong(v));
      }
      long n = Long.parseLong(v.substring(0, v.length() - 1).trim());
      switch (unit) {
        case 's':
          return Duration.ofSeconds(n);
        case 'm':
          return Duration.ofMinutes(n);
        case 'h':
          return Duration.ofHours(n);
        default:
          break;
      }
    } catch (RuntimeException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "expected a duration such as 30s, 500ms or PT1M, got \"" + text + "\"");
  }

  /**
   * A {@link #duration} of at most {@code max} (null: no bound), positive unless {@code
   * zeroAllowed} (zero then means "none", e.g. no deadline).
   *
   * @throws IllegalArgumentException naming {@code label} and what was expected
   */
  public static Duration duration(String label, String value, boolean zeroAllowed, Duration max) {
    Duration d;
    try {
      d = duration(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(label + ": " + e.getMessage(), e);
    }
    if (d.isNegative() || (d.isZero() && !zeroAllowed)) {
      throw new IllegalArgumentException(
          label
              + ": expected a "
              + (zeroAllowed ? "duration, 0 or more" : "positive duration")
              + ", got \""
              + value
              + "\"");
    }
    if (max != null && d.compareTo(max) > 0) {
      throw new IllegalArgumentException(
          label + ": expected a duration of at most " + max + ", got \"" + value + "\"");
    }
    return d;
  }

  /**
   * A count of at least {@code min} ({@code 0} instances, {@code 1} concurrent calls, ...).
   *
   * @param what what is counted, for the message (e.g. {@code "instances"})
   * @throws IllegalArgumentException naming {@code label} and what was expected
   */
  public static int count(String label, String value, int min, String what) {
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= min) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        label + ": expected a number of " + what + ", " + min + " or more, got \"" + value + "\"");
  }

  /**
   * A size in bytes, 0 or more, in {@link Sizes#parse}'s syntax: a number with an optional binary
   * unit, e.g. {@code 1048576}, {@code 512KiB}, {@code 256MiB}, {@code 1GiB}, {@code 64m}.
   *
   * @throws IllegalArgumentException naming {@code label} and what was expected
   */
  public static long size(String label, String value) {
    try {
      return Sizes.parse(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(label + ": " + e.getMessage(), e);
    }
  }
}
