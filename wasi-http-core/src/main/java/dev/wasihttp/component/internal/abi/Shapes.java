package dev.wasihttp.component.internal.abi;

import dev.wasihttp.component.errors.Trap;
import dev.wasihttp.component.types.EnumType;
import dev.wasihttp.component.types.OptionType;
import dev.wasihttp.component.types.RecordType;
import dev.wasihttp.component.types.ResultType;
import dev.wasihttp.component.types.TupleType;
import dev.wasihttp.component.types.ValType;
import dev.wasihttp.component.types.VariantType;
import dev.wasihttp.component.values.Val;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Despecialization (CanonicalABI.md, "Despecialization"): the ABI treats a {@code tuple} as a
 * record and {@code enum}, {@code option} and {@code result} as variants. This class gives the
 * field and case types of those shapes, builds the matching {@link Val} from lifted parts, and
 * takes a {@link Val} apart for lowering, trapping with the expected type and the actual value when
 * the value does not have the type's shape.
 *
 * <p>The record-like kinds are {@code RECORD} and {@code TUPLE}; the variant-like kinds {@code
 * VARIANT}, {@code ENUM}, {@code OPTION} and {@code RESULT}. The methods for one shape are only
 * called with a type of that shape.
 */
final class Shapes {
  private static final int MAX_DESCRIBED_CHARS = 160;

  private Shapes() {}

  /** The field types of a record-like type, in order; unmodifiable. */
  static List<ValType> fieldTypes(ValType t) {
    return TypeInfo.of(t).parts;
  }

  /**
   * The payload types of a variant-like type's cases, in discriminant order, with null for a case
   * without payload: {@code option<T>} is {@code [none, some(T)]}, {@code result<O, E>} is {@code
   * [ok(O), error(E)]}, an enum has only payload-less cases. Unmodifiable.
   */
  static List<ValType> caseTypes(ValType t) {
    return TypeInfo.of(t).parts;
  }

  /** {@link #fieldTypes}, worked out. */
  static List<ValType> rawFieldTypes(ValType t) {
    if (t instanceof TupleType tuple) {
      return tuple.types();
    }
    List<RecordType.Field> fields = ((RecordType) t).fields();
    List<ValType> types = new ArrayList<>(fields.size());
    for (RecordType.Field f : fields) {
      types.add(f.type());
    }
    return types;
  }

  /** {@link #caseTypes}, worked out. */
  static List<ValType> rawCaseTypes(ValType t) {
    return switch (t.kind()) {
      case VARIANT -> {
        List<VariantType.Case> cases = ((VariantType) t).cases();
        List<ValType> types = new ArrayList<>(cases.size());
        for (VariantType.Case c : cases) {
          types.add(c.type());
        }
        yield types;
      }
      case ENUM -> Collections.nCopies(((EnumType) t).names().size(), null);
      case OPTION -> Arrays.asList(null, ((OptionType) t).type());
      case RESULT -> Arrays.asList(((ResultType) t).ok(), ((ResultType) t).err());
      case BOOL, S8, U8, S16, U16, S32, U32, S64, U64, F32, F64, CHAR, STRING -> notVariant(t);
      case LIST, RECORD, TUPLE, FLAGS, OWN, BORROW -> notVariant(t);
    };
  }

  /** The value of case {@code index} of variant-like type {@code t} carrying {@code payload}. */
  static Val variantValue(ValType t, int index, Val payload) {
    return switch (t.kind()) {
      case VARIANT -> new Val.Variant(((VariantType) t).cases().get(index).name(), payload);
      case ENUM -> new Val.EnumValue(((EnumType) t).names().get(index));
      case OPTION -> index == 0 ? Val.Option.none() : Val.Option.some(payload);
      case RESULT -> index == 0 ? Val.Result.ok(payload) : Val.Result.err(payload);
      case BOOL, S8, U8, S16, U16, S32, U32, S64, U64, F32, F64, CHAR, STRING -> notVariant(t);
      case LIST, RECORD, TUPLE, FLAGS, OWN, BORROW -> notVariant(t);
    };
  }

  private static <T> T notVariant(ValType t) {
    throw new IllegalArgumentException("not a variant-like type: " + t.wit());
  }

  /** The record or tuple value of record-like type {@code t} with these field values. */
  static Val recordValue(ValType t, Val[] values) {
    if (t instanceof TupleType) {
      return new Val.Tuple(Arrays.asList(values));
    }
    List<RecordType.Field> fields = ((RecordType) t).fields();
    List<Val.RecordValue.Field> out = new ArrayList<>(values.length);
    for (int i = 0; i < values.length; i++) {
      out.add(new Val.RecordValue.Field(fields.get(i).name(), values[i]));
    }
    return new Val.RecordValue(out);
  }

  /**
   * The case index of {@code v} in variant-like type {@code t} (CanonicalABI.md, "Storing":
   * match_case), after checking that {@code v} has the type's shape and that a payload is present
   * exactly when the case has a payload type.
   */
  static int caseIndex(ValType t, Val v) {
    if (v == null || v.kind() != t.kind()) {
      throw mismatch(t, v);
    }
    int index =
        switch (t.kind()) {
          case VARIANT -> ((VariantType) t).indexOf(((Val.Variant) v).caseName());
          case ENUM -> ((EnumType) t).names().indexOf(((Val.EnumValue) v).caseName());
          case OPTION -> ((Val.Option) v).isSome() ? 1 : 0;
          case RESULT -> ((Val.Result) v).isOk() ? 0 : 1;
          case BOOL, S8, U8, S16, U16, S32, U32, S64, U64, F32, F64, CHAR, STRING -> notVariant(t);
          case LIST, RECORD, TUPLE, FLAGS, OWN, BORROW -> notVariant(t);
        };
    if (index < 0) {
      throw mismatch(t, v);
    }
    ValType payloadType = caseTypes(t).get(index);
    if ((payloadType == null) != (payload(v) == null)) {
      throw mismatch(t, v);
    }
    return index;
  }

  /** The payload of a variant-like value, null for none (and for values of other kinds). */
  static Val payload(Val v) {
    if (v == null) {
      return null;
    }
    return switch (v.kind()) {
      case VARIANT -> ((Val.Variant) v).payload();
      case OPTION -> ((Val.Option) v).value();
      case RESULT -> ((Val.Result) v).value();
      case ENUM, BOOL, S8, U8, S16, U16, S32, U32, S64, U64, F32, F64, CHAR, STRING -> null;
      case LIST, RECORD, TUPLE, FLAGS, OWN, BORROW -> null;
    };
  }

  /**
   * The field values of {@code v} in the order of record-like type {@code t}. Record fields are
   * matched by name (the usual case, declaration order, is checked first); every field of the type
   * must be present exactly once.
   */
  static Val[] fieldValues(ValType t, Val v) {
    if (t instanceof TupleType type && v instanceof Val.Tuple tuple) {
      List<Val> values = tuple.values();
      if (values.size() != type.types().size()) {
        throw mismatch(t, v);
      }
      return values.toArray(new Val[0]);
    }
    if (!(t instanceof RecordType type && v instanceof Val.RecordValue record)) {
      throw mismatch(t, v);
    }
    List<RecordType.Field> fields = type.fields();
    List<Val.RecordValue.Field> given = record.fields();
    if (given.size() != fields.size()) {
      throw mismatch(t, v);
    }
    Val[] out = new Val[fields.size()];
    for (int i = 0; i < out.length; i++) {
      String name = fields.get(i).name();
      if (given.get(i).name().equals(name)) {
        out[i] = given.get(i).value();
      } else {
        out[i] = record.get(name);
        if (out[i] == null) {
          throw mismatch(t, v);
        }
      }
    }
    return out;
  }

  /** The trap for a value that does not have the shape of its type. */
  static Trap mismatch(ValType t, Val v) {
    return new Trap("type mismatch: expected " + t.wit() + ", got " + describe(v));
  }

  /**
   * A short description of a value for messages: its text, cut after a few lines' worth. A large
   * value (a long list or string) is summarized without printing it whole.
   */
  static String describe(Val v) {
    if (v == null) {
      return "null";
    }
    if (weight(v, MAX_DESCRIBED_CHARS) > MAX_DESCRIBED_CHARS) {
      return switch (v.kind()) {
        case LIST -> "List of " + ((Val.ListValue) v).elements().size() + " elements";
        case STRING -> {
          String text = ((Val.Str) v).value();
          yield "Str[value="
              + text.substring(0, MAX_DESCRIBED_CHARS)
              + "...] ("
              + text.length()
              + " chars)";
        }
        case RECORD -> "a large Record value";
        case TUPLE -> "a large Tuple value";
        case VARIANT -> "a large Variant value";
        case OPTION -> "a large Option value";
        case RESULT -> "a large Result value";
        case FLAGS -> "a large Flags value";
        // Never large: their text is a few characters.
        case ENUM, BOOL, S8, U8, S16, U16, S32, U32, S64, U64, F32, F64, CHAR, OWN, BORROW ->
            "a large " + v.kind() + " value";
      };
    }
    String s = v.toString();
    return s.length() <= MAX_DESCRIBED_CHARS ? s : s.substring(0, MAX_DESCRIBED_CHARS) + "...";
  }

  /** A rough size of a value's text, counted only up to {@code budget}. */
  private static int weight(Val v, int budget) {
    if (v == null) {
      return 1;
    }
    return switch (v.kind()) {
      case STRING -> ((Val.Str) v).value().length();
      case FLAGS -> ((Val.Flags) v).names().size() * 4;
      case LIST -> weight(((Val.ListValue) v).elements(), budget);
      case TUPLE -> weight(((Val.Tuple) v).values(), budget);
      case RECORD -> {
        List<Val> values = new ArrayList<>();
        for (Val.RecordValue.Field f : ((Val.RecordValue) v).fields()) {
          values.add(f.value());
        }
        yield weight(values, budget);
      }
      case VARIANT, OPTION, RESULT -> weight(Collections.singletonList(payload(v)), budget);
      case ENUM, BOOL, S8, U8, S16, U16, S32, U32, S64, U64, F32, F64, CHAR, OWN, BORROW -> 1;
    };
  }

  /** One for the value, plus the weight of its parts until the budget is spent. */
  private static int weight(List<Val> parts, int budget) {
    int w = 1;
    for (int i = 0; i < parts.size() && w <= budget; i++) {
      w += weight(parts.get(i), budget - w);
    }
    return w;
  }
}
