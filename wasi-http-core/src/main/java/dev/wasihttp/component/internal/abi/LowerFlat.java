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
 * Flat lowering (CanonicalABI.md, "Flat Lowering"): the core values that stand for a component
 * value, in the order {@link Flattening#flatten} gives. Strings and lists are stored in memory
 * through {@code realloc} and passed as pointer and length. Every value is checked against its
 * type; a value of the wrong shape traps naming the expected type and the value.
 */
final class LowerFlat {
  private LowerFlat() {}

  /**
   * {@code lower_flat(cx, v, t)}: appends {@code Flattening.flatCount(t)} values to {@code out};
   * returns {@code out}.
   */
  static CoreValues.Buffer lowerFlat(LiftLowerContext cx, Val v, ValType t, CoreValues.Buffer out) {
    return switch (t.kind()) {
      case BOOL, S8, U8, S16, U16, S32, U32, S64, U64, F32, F64, CHAR ->
          out.add(Scalars.lower((PrimitiveType) t, v));
      case STRING -> out.add(Strings.storeIntoRange(cx, v));
      case LIST -> out.add(Storing.storeListIntoRange(cx, v, (ListType) t));
      case OWN -> out.addI32(Storing.lowerOwn(cx, v, (OwnType) t));
      case BORROW -> out.addI32(Storing.lowerBorrow(cx, v, (BorrowType) t));
      case FLAGS -> {
        for (int word : Storing.flagsWords(v, (FlagsType) t)) {
          out.addI32(word);
        }
        yield out;
      }
      case RECORD, TUPLE -> {
        List<ValType> fields = Shapes.fieldTypes(t);
        Val[] values = Shapes.fieldValues(t, v);
        for (int i = 0; i < values.length; i++) {
          lowerFlat(cx, values[i], fields.get(i), out);
        }
        yield out;
      }
      case VARIANT, ENUM, OPTION, RESULT -> lowerFlatVariant(cx, v, t, out);
    };
  }

  /**
   * {@code lower_flat_variant}: the discriminant, the case's payload, zeros for the slots it does
   * not use. The spec's coercions into joined slots (f32 bits as i32, i32 zero-extended to i64)
   * need nothing more because {@link CoreValues.Buffer} holds raw bits, i32 and f32 zero-extended.
   */
  private static CoreValues.Buffer lowerFlatVariant(
      LiftLowerContext cx, Val v, ValType t, CoreValues.Buffer out) {
    List<ValType> cases = Shapes.caseTypes(t);
    int index = Shapes.caseIndex(t, v);
    int start = out.size();
    out.addI32(index);
    ValType payloadType = cases.get(index);
    if (payloadType != null) {
      lowerFlat(cx, Shapes.payload(v), payloadType, out);
    }
    for (int n = Flattening.flatCount(t) - (out.size() - start); n > 0; n--) {
      out.add(0);
    }
    return out;
  }
}
