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
    switch (t) {
      case BOOL:
        return new Val.Bool((int) bits != 0);
      case S8:
        return new Val.S8((byte) bits);
      case U8:
        return new Val.U8((int) bits & 0xff);
      case S16:
        return new Val.S16((short) bits);
      case U16:
        return new Val.U16((int) bits & 0xffff);
      case S32:
        return new Val.S32((int) bits);
      case U32:
        return new Val.U32(bits & 0xffff_ffffL);
      case S64:
        return new Val.S64(bits);
      case U64:
        return new Val.U64(bits);
      case F32:
        return new Val.F32(Float.intBitsToFloat(canonicalizeNan32((int) bits)));
      case F64:
        return new Val.F64(Double.longBitsToDouble(canonicalizeNan64(bits)));
      case CHAR:
        return liftChar(bits & 0xffff_ffffL);
      default:
        throw new IllegalArgumentException("not a scalar: " + t);
    }
  }

  /**
   * The raw bits of a non-string primitive value, after checking that {@code v} is a value of
   * {@code t}. Signed small integers are sign-extended to 32 bits, as an i32 carries them ({@code
   * lower_flat_signed}); storing keeps the low bytes. Floats are stored with the deterministic
   * profile's canonical NaN ({@code maybe_scramble_nan32/64}).
   */
  static long lower(PrimitiveType t, Val v) {
    switch (t) {
      case BOOL:
        if (v instanceof Val.Bool bool) {
          return bool.value() ? 1 : 0;
        }
        break;
      case S8:
        if (v instanceof Val.S8 s8) {
          return Integer.toUnsignedLong(s8.value());
        }
        break;
      case U8:
        if (v instanceof Val.U8 u8) {
          return u8.value();
        }
        break;
      case S16:
        if (v instanceof Val.S16 s16) {
          return Integer.toUnsignedLong(s16.value());
        }
        break;
      case U16:
        if (v instanceof Val.U16 u16) {
          return u16.value();
        }
        break;
      case S32:
        if (v instanceof Val.S32 s32) {
          return Integer.toUnsignedLong(s32.value());
        }
        break;
      case U32:
        if (v instanceof Val.U32 u32) {
          return u32.value();
        }
        break;
      case S64:
        if (v instanceof Val.S64 s64) {
          return s64.value();
        }
        break;
      case U64:
        if (v instanceof Val.U64 u64) {
          return u64.value();
        }
        break;
      case F32:
        if (v instanceof Val.F32 f32) {
          return Integer.toUnsignedLong(canonicalizeNan32(Float.floatToRawIntBits(f32.value())));
        }
        break;
      case F64:
        if (v instanceof Val.F64 f64) {
          return canonicalizeNan64(Double.doubleToRawLongBits(f64.value()));
        }
        break;
      case CHAR:
        if (v instanceof Val.Char char1) {
          return char1.codePoint();
        }
        break;
      default:
        throw new IllegalArgumentException("not a scalar: " + t);
    }
    throw Shapes.mismatch(t, v);
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
