package dev.wasihttp.component.internal.abi;

import dev.wasihttp.component.types.BorrowType;
import dev.wasihttp.component.types.FlagsType;
import dev.wasihttp.component.types.ListType;
import dev.wasihttp.component.types.OwnType;
import dev.wasihttp.component.types.PrimitiveType;
import dev.wasihttp.component.types.ValType;
import dev.wasihttp.component.values.Val;
import java.util.List;

/**
 * Flat lifting (CanonicalABI.md, "Flat Lifting"): a component value out of the core values that
 * stand for it, in the order {@link Flattening#flatten} gives.
 */
final class LiftFlat {
  private LiftFlat() {}

  /** {@code lift_flat(cx, vi, t)}: reads {@code Flattening.flatCount(t)} values from {@code vi}. */
  static Val liftFlat(LiftLowerContext cx, CoreValues.Cursor vi, ValType t) {
    if (t instanceof PrimitiveType p) {
      if (p == PrimitiveType.STRING) {
        long ptr = vi.nextU32();
        long packedLength = vi.nextU32();
        return Strings.loadFromRange(cx, ptr, packedLength);
      }
      // Small integers are truncated and sign-extended from the i32 (lift_flat_unsigned,
      // lift_flat_signed); bool, char and the floats convert as when loading.
      return Scalars.lift(p, vi.next());
    } else if (t instanceof ListType type2) {
      long ptr = vi.nextU32();
      long length = vi.nextU32();
      return Loading.loadListFromRange(cx, ptr, length, type2.element());
    } else if (t instanceof OwnType type1) {
      return cx.handles().liftOwn(type1, (int) vi.next());
    } else if (t instanceof BorrowType type) {
      return cx.handles().liftBorrow(type, (int) vi.next());
    } else if (t instanceof FlagsType f) {
      int[] words = new int[Layout.flagsWords(f.names().size())];
      for (int w = 0; w < words.length; w++) {
        words[w] = (int) vi.next();
      }
      return Loading.flagsValue(f, words);
    } else if (Shapes.isRecordLike(t)) {
      List<ValType> fields = Shapes.fieldTypes(t);
      Val[] values = new Val[fields.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = liftFlat(cx, vi, fields.get(i));
      }
      return Shapes.recordValue(t, values);
    } else {
      return liftFlatVariant(cx, vi, t);
    }
  }

  /**
   * {@code lift_flat_variant}: the discriminant (trapping when it names no case), the case's
   * payload from the joined slots, then the slots the case does not use are skipped. The spec's
   * coercions from a joined slot to the case's own type (wrapping an i64 to i32, reinterpreting i32
   * bits as f32) are what reading raw bits already does: every i32 and f32 read takes the low 32
   * bits (see {@link CoreValues}).
   */
  private static Val liftFlatVariant(LiftLowerContext cx, CoreValues.Cursor vi, ValType t) {
    List<ValType> cases = Shapes.caseTypes(t);
    int start = vi.position();
    long index = vi.nextU32();
    Loading.checkDiscriminant(index, t, cases.size());
    ValType payloadType = cases.get((int) index);
    Val payload = payloadType == null ? null : liftFlat(cx, vi, payloadType);
    vi.skip(Flattening.flatCount(t) - (vi.position() - start));
    return Shapes.variantValue(t, (int) index, payload);
  }
}
