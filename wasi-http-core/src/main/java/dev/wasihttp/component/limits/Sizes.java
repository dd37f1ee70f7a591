package dev.wasihttp.component.limits;

import java.util.Locale;

/** The syntax of a size in bytes, as settings and system properties write it. */
public final class Sizes {
  private Sizes() {}

  /**
   * A size in bytes, 0 or more: a number with an optional binary unit, any case, e.g. {@code
   * 1048576}, {@code 512KiB}, {@code 256MiB}, {@code 1GiB}, {@code 64m}, {@code 2g} ({@code k},
   * {@code m}, {@code g} and {@code KB}, {@code MB}, {@code GB} count in 1024s too, as the JVM's
   * {@code -Xmx} does).
   *
   * @throws IllegalArgumentException saying what was expected
   */
  public static long parse(String text) {
    String v = text.trim().toLowerCase(Locale.ROOT);
    int end = v.length();
    while (end > 0 && !Character.isDigit(v.charAt(end - 1))) {
      end--;
    }
    String unit = v.substring(end).trim();
    int shift =
        switch (unit) {
          case "", "b" -> 0;
          case "k", "kb", "kib" -> 10;
          case "m", "mb", "mib" -> 20;
          case "g", "gb", "gib" -> 30;
          case "t", "tb", "tib" -> 40;
          default -> -1;
        };
    try {
      long n = Long.parseLong(v.substring(0, end).trim());
      if (shift >= 0 && n >= 0 && n <= (Long.MAX_VALUE >> shift)) {
        return n << shift;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "expected a size such as 1048576, 512KiB, 256MiB or 1GiB, got \"" + text + "\"");
  }
}
