package dev.wasihttp.servlet;

import java.time.Duration;
import java.util.Locale;

/** Parsing of init-param values, with messages that name the init-param. */
final class InitParams {
  private InitParams() {}

  /** {@code 30s}, {@code 500ms}, {@code 10m}, {@code 1h}, plain seconds, or ISO-8601. */
  static Duration parseDuration(String name, String value) {
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
        "init-param " + name + ": expected a duration such as 30s, 500ms or PT1M, got \""
            + value + "\"");
  }

  /** {@link #parseDuration}, refusing zero and negative durations. */
  static Duration parsePositiveDuration(String name, String value) {
    Duration d = parseDuration(name, value);
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(
          "init-param " + name + ": expected a positive duration, got \"" + value + "\"");
    }
    return d;
  }

  static boolean parseBoolean(String name, String value) {
    if (value.equalsIgnoreCase("true")) {
      return true;
    }
    if (value.equalsIgnoreCase("false")) {
      return false;
    }
    throw new IllegalArgumentException(
        "init-param " + name + ": expected true or false, got \"" + value + "\"");
  }
}
