package dev.wasihttp.component.internal.abi;

import dev.wasihttp.component.errors.Trap;
import dev.wasihttp.component.types.PrimitiveType;
import dev.wasihttp.component.values.Val;

/**
 * The scalar conversions shared by loading, storing and flat lifting and lowering: integer
 * truncation, bool, char validation and NaN canonicalization (CanonicalABI.md, "Loading" and
 * "Storing"). Scalars travel as raw bits in a {@code long}: the low 8, 16 or 32 bits for the small
 * types (higher bits ignored when lifting, zero when lowering), all 64 for {@code s64}/{@code u64},
 * the IEEE bits for the floats.
 */
final class Scalars {
  /** The deterministic profile's f32 NaN (CanonicalABI.md, "Loading": CANONICAL_FLOAT32_NAN). */
  static final int CANONICAL_FLOAT32_NAN = 0x7fc00000;

  /** The deterministic profile's f64 NaN (CanonicalABI.md, "Loading": CANONICAL_FLOAT64_NAN). */
  static final long CANONICAL_FLOAT64_NAN = 0x7ff8000000000000L;

  private Scalars() {}

  /**
   * Lifts the raw bits of a non-string primitive. Small integers keep only their width and signed
   * ones are sign-extended ({@code lift_flat_unsigned}/{@code lift_flat_signed}); any non-zero bool
   * is true ({@code convert_int_to_bool}); a char must be a Unicode scalar value ({@code
   * convert_i32_to_char}); a NaN becomes the canonical NaN ({@code canonicalize_nan32/64}).
   */
  static Val lift(PrimitiveType t, long bits) {
    return switch (t) {
      case BOOL -> new Val.Bool((int) bits != 0);
      case S8 -> new Val.S8((byte) bits);
      case U8 -> new Val.U8((int) bits & 0xff);
      case S16 -> new Val.S16((short) bits);
      case U16 -> new Val.U16((int) bits & 0xffff);
      case S32 -> new Val.S32((int) bits);
      case U32 -> new Val.U32(bits & 0xffff_ffffL);
      case S64 -> new Val.S64(bits);
      case U64 -> new Val.U64(bits);
      case F32 -> new Val.F32(Float.intBitsToFloat(canonicalizeNan32((int) bits)));
      case F64 -> new Val.F64(Double.longBitsToDouble(canonicalizeNan64(bits)));
      case CHAR -> liftChar(bits & 0xffff_ffffL);
      case STRING -> throw new IllegalArgumentException("not a scalar: " + t);
    };
  }

  /**
   * The raw bits of a non-string primitive value, after checking that {@code v} is a value of
   * {@code t}. Signed small integers are sign-extended to 32 bits, as an i32 carries them ({@code
   * lower_flat_signed}); storing keeps the low bytes. Floats are stored with the deterministic
   * profile's canonical NaN ({@code maybe_scramble_nan32/64}).
   */
  static long lower(PrimitiveType t, Val v) {
    if (v == null || v.kind() != t.kind()) {
      throw Shapes.mismatch(t, v);
    }
    return switch (t) {
      case BOOL -> ((Val.Bool) v).value() ? 1 : 0;
      case S8 -> Integer.toUnsignedLong(((Val.S8) v).value());
      case U8 -> ((Val.U8) v).value();
      case S16 -> Integer.toUnsignedLong(((Val.S16) v).value());
      case U16 -> ((Val.U16) v).value();
      case S32 -> Integer.toUnsignedLong(((Val.S32) v).value());
      case U32 -> ((Val.U32) v).value();
      case S64 -> ((Val.S64) v).value();
      case U64 -> ((Val.U64) v).value();
      case F32 ->
          Integer.toUnsignedLong(canonicalizeNan32(Float.floatToRawIntBits(((Val.F32) v).value())));
      case F64 -> canonicalizeNan64(Double.doubleToRawLongBits(((Val.F64) v).value()));
      case CHAR -> ((Val.Char) v).codePoint();
      case STRING -> throw new IllegalArgumentException("not a scalar: " + t);
    };
  }

  /** {@code convert_i32_to_char}: traps on surrogates and values above U+10FFFF. */
  static Val.Char liftChar(long i) {
    if (i >= 0x110000 || (i >= 0xd800 && i <= 0xdfff)) {
      throw new Trap("invalid `char` bit pattern: 0x" + Long.toHexString(i));
    }
    return new Val.Char((int) i);
  }

  static int canonicalizeNan32(int bits) {
    return Float.isNaN(Float.intBitsToFloat(bits)) ? CANONICAL_FLOAT32_NAN : bits;
  }

  static long canonicalizeNan64(long bits) {
    return Double.isNaN(Double.longBitsToDouble(bits)) ? CANONICAL_FLOAT64_NAN : bits;
  }
}
