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
 */
final class Shapes {
  private static final int MAX_DESCRIBED_CHARS = 160;

  private Shapes() {}

  /** Whether {@code t} is laid out as a record: {@code record} or {@code tuple}. */
  static boolean isRecordLike(ValType t) {
    return t instanceof RecordType || t instanceof TupleType;
  }

  /** Whether {@code t} is laid out as a variant: {@code variant}, {@code enum}, option, result. */
  static boolean isVariantLike(ValType t) {
    return t instanceof VariantType
        || t instanceof EnumType
        || t instanceof OptionType
        || t instanceof ResultType;
  }

  /** The field types of a record-like type, in order. */
  static List<ValType> fieldTypes(ValType t) {
    if (t instanceof TupleType type) {
      return type.types();
    }
    List<RecordType.Field> fields = ((RecordType) t).fields();
    List<ValType> types = new ArrayList<>(fields.size());
    for (RecordType.Field f : fields) {
      types.add(f.type());
    }
    return types;
  }

  /**
   * The payload types of a variant-like type's cases, in discriminant order, with null for a case
   * without payload: {@code option<T>} is {@code [none, some(T)]}, {@code result<O, E>} is {@code
   * [ok(O), error(E)]}, an enum has only payload-less cases.
   */
  static List<ValType> caseTypes(ValType t) {
    if (t instanceof VariantType type2) {
      List<VariantType.Case> cases = type2.cases();
      List<ValType> types = new ArrayList<>(cases.size());
      for (VariantType.Case c : cases) {
        types.add(c.type());
      }
      return types;
    } else if (t instanceof EnumType type1) {
      return Collections.nCopies(type1.names().size(), null);
    } else if (t instanceof OptionType type) {
      return Arrays.asList(null, type.type());
    } else {
      ResultType r = (ResultType) t;
      return Arrays.asList(r.ok(), r.err());
    }
  }

  /** The value of case {@code index} of variant-like type {@code t} carrying {@code payload}. */
  static Val variantValue(ValType t, int index, Val payload) {
    if (t instanceof VariantType type1) {
      return new Val.Variant(type1.cases().get(index).name(), payload);
    } else if (t instanceof EnumType type) {
      return new Val.EnumValue(type.names().get(index));
    } else if (t instanceof OptionType) {
      return index == 0 ? Val.Option.none() : Val.Option.some(payload);
    } else {
      return index == 0 ? Val.Result.ok(payload) : Val.Result.err(payload);
    }
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
    int index;
    if (t instanceof VariantType type1 && v instanceof Val.Variant variant) {
      index = type1.indexOf(variant.caseName());
    } else if (t instanceof EnumType type && v instanceof Val.EnumValue enum1) {
      index = type.names().indexOf(enum1.caseName());
    } else if (t instanceof OptionType && v instanceof Val.Option option) {
      index = option.isSome() ? 1 : 0;
    } else if (t instanceof ResultType && v instanceof Val.Result result) {
      index = result.isOk() ? 0 : 1;
    } else {
      throw mismatch(t, v);
    }
    if (index < 0) {
      throw mismatch(t, v);
    }
    ValType payloadType = caseTypes(t).get(index);
    if ((payloadType == null) != (payload(v) == null)) {
      throw mismatch(t, v);
    }
    return index;
  }

  /** The payload of a variant-like value, null for none. */
  static Val payload(Val v) {
    if (v instanceof Val.Variant variant) {
      return variant.payload();
    } else if (v instanceof Val.Option option) {
      return option.value();
    } else if (v instanceof Val.Result result) {
      return result.value();
    }
    return null;
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
    if (!(t instanceof RecordType && v instanceof Val.RecordValue)) {
      throw mismatch(t, v);
    }
    List<RecordType.Field> fields = ((RecordType) t).fields();
    List<Val.RecordValue.Field> given = ((Val.RecordValue) v).fields();
    if (given.size() != fields.size()) {
      throw mismatch(t, v);
    }
    Val[] out = new Val[fields.size()];
    for (int i = 0; i < out.length; i++) {
      String name = fields.get(i).name();
      if (given.get(i).name().equals(name)) {
        out[i] = given.get(i).value();
      } else {
        out[i] = ((Val.RecordValue) v).get(name);
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
      String kind = v.getClass().getSimpleName();
      if (v instanceof Val.ListValue list) {
        return "List of " + list.elements().size() + " elements";
      } else if (v instanceof Val.Str str) {
        String text = str.value();
        return "Str[value="
            + text.substring(0, MAX_DESCRIBED_CHARS)
            + "...] ("
            + text.length()
            + " chars)";
      }
      return "a large " + kind + " value";
    }
    String s = v.toString();
    return s.length() <= MAX_DESCRIBED_CHARS ? s : s.substring(0, MAX_DESCRIBED_CHARS) + "...";
  }

  /** A rough size of a value's text, counted only up to {@code budget}. */
  private static int weight(Val v, int budget) {
    if (v == null) {
      return 1;
    }
    if (v instanceof Val.Str str) {
      return str.value().length();
    }
    List<Val> parts = new ArrayList<>();
    if (v instanceof Val.ListValue list) {
      parts = list.elements();
    } else if (v instanceof Val.Tuple tuple) {
      parts = tuple.values();
    } else if (v instanceof Val.RecordValue record) {
      for (Val.RecordValue.Field f : record.fields()) {
        parts.add(f.value());
      }
    } else if (v instanceof Val.Variant || v instanceof Val.Option || v instanceof Val.Result) {
      parts.add(payload(v));
    } else if (v instanceof Val.Flags flags) {
      return flags.names().size() * 4;
    }
    int w = 1;
    for (int i = 0; i < parts.size() && w <= budget; i++) {
      w += weight(parts.get(i), budget - w);
    }
    return w;
  }
}
