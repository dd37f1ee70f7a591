package dev.wasihttp.component.wave;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.function.Predicate;

/**
 * Floats as the wasm-wave writer prints them, which is Rust's {@code Display}: the shortest decimal
 * that reads back to the same value, in positional notation (never an exponent), without a trailing
 * {@code .0}; {@code nan}, {@code inf}, {@code -inf}, and {@code -0} for negative zero.
 *
 * <p>Java 17's {@code Double.toString} is not always shortest (JDK-4511638), so the digits are
 * found here: the exact binary value is rounded to 1, 2, ... significant digits until one reads
 * back, trying the nearest rounding first and then the other neighbour, as the rounding interval of
 * a power of two is lopsided.
 */
final class Floats {
  private static final RoundingMode[] MODES = {
    RoundingMode.HALF_EVEN, RoundingMode.FLOOR, RoundingMode.CEILING
  };

  private Floats() {}

  static String f32(float f) {
    float a = Math.abs(f);
    return shortest(f, Float.floatToRawIntBits(f) < 0, 9, r -> Float.parseFloat(r) == a);
  }

  static String f64(double d) {
    double a = Math.abs(d);
    return shortest(d, Double.doubleToRawLongBits(d) < 0, 17, r -> Double.parseDouble(r) == a);
  }

  /**
   * The fewest decimal digits (at most {@code maxDigits}) that {@code readsBack} parses to the
   * magnitude of {@code value} again; a float is widened to double exactly, so one search serves
   * both widths.
   */
  private static String shortest(
      double value, boolean negative, int maxDigits, Predicate<String> readsBack) {
    if (Double.isNaN(value)) {
      return "nan";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "inf" : "-inf";
    }
    String sign = negative ? "-" : "";
    double a = Math.abs(value);
    if (a == 0) {
      return sign + "0";
    }
    BigDecimal exact = new BigDecimal(a);
    for (int digits = 1; digits <= maxDigits; digits++) {
      for (RoundingMode mode : MODES) {
        BigDecimal r = exact.round(new MathContext(digits, mode));
        if (readsBack.test(r.toString())) {
          return sign + plain(r);
        }
      }
    }
    return sign + plain(exact);
  }

  private static String plain(BigDecimal d) {
    return d.stripTrailingZeros().toPlainString();
  }
}
