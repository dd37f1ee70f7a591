package dev.wasihttp.component.wave;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

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
    if (Float.isNaN(f)) {
      return "nan";
    }
    if (Float.isInfinite(f)) {
      return f > 0 ? "inf" : "-inf";
    }
    String sign = Float.floatToRawIntBits(f) < 0 ? "-" : "";
    float a = Math.abs(f);
    if (a == 0) {
      return sign + "0";
    }
    BigDecimal exact = new BigDecimal(a);
    for (int digits = 1; digits <= 9; digits++) {
      for (RoundingMode mode : MODES) {
        BigDecimal r = exact.round(new MathContext(digits, mode));
        if (Float.parseFloat(r.toString()) == a) {
          return sign + plain(r);
        }
      }
    }
    return sign + plain(exact);
  }

  static String f64(double d) {
    if (Double.isNaN(d)) {
      return "nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    String sign = Double.doubleToRawLongBits(d) < 0 ? "-" : "";
    double a = Math.abs(d);
    if (a == 0) {
      return sign + "0";
    }
    BigDecimal exact = new BigDecimal(a);
    for (int digits = 1; digits <= 17; digits++) {
      for (RoundingMode mode : MODES) {
        BigDecimal r = exact.round(new MathContext(digits, mode));
        if (Double.parseDouble(r.toString()) == a) {
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
