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
    return switch (t.kind()) {
      // Small integers are truncated and sign-extended from the i32 (lift_flat_unsigned,
      // lift_flat_signed); bool, char and the floats convert as when loading.
      case BOOL, S8, U8, S16, U16, S32, U32, S64, U64, F32, F64, CHAR ->
          Scalars.lift((PrimitiveType) t, vi.next());
      case STRING -> {
        long ptr = vi.nextU32();
        long packedLength = vi.nextU32();
        yield Strings.loadFromRange(cx, ptr, packedLength);
      }
      case LIST -> {
        long ptr = vi.nextU32();
        long length = vi.nextU32();
        yield Loading.loadListFromRange(cx, ptr, length, ((ListType) t).element());
      }
      case OWN -> cx.handles().liftOwn((OwnType) t, (int) vi.next());
      case BORROW -> cx.handles().liftBorrow((BorrowType) t, (int) vi.next());
      case FLAGS -> {
        FlagsType f = (FlagsType) t;
        int[] words = new int[Layout.flagsWords(f.names().size())];
        for (int w = 0; w < words.length; w++) {
          words[w] = (int) vi.next();
        }
        yield Loading.flagsValue(f, words);
      }
      case RECORD, TUPLE -> {
        List<ValType> fields = Shapes.fieldTypes(t);
        Val[] values = new Val[fields.size()];
        for (int i = 0; i < values.length; i++) {
          values[i] = liftFlat(cx, vi, fields.get(i));
        }
        yield Shapes.recordValue(t, values);
      }
      case VARIANT, ENUM, OPTION, RESULT -> liftFlatVariant(cx, vi, t);
    };
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
