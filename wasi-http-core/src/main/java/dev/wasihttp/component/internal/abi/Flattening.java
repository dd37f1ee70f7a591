package dev.wasihttp.component.internal.abi;

import dev.wasihttp.component.types.FlagsType;
import dev.wasihttp.component.types.FuncType;
import dev.wasihttp.component.types.ValType;
import java.util.ArrayList;
import java.util.List;

/**
 * Flattening (CanonicalABI.md, "Flattening"): the core value types that stand for a component value
 * when it is passed in core parameters and results, and the core function types that {@code canon
 * lift} expects and {@code canon lower} produces (synchronous functions, 32-bit memories).
 */
public final class Flattening {
  /** Above this many flat parameters, parameters travel in memory behind one i32 pointer. */
  static final int MAX_FLAT_PARAMS = 16;

  /** Above this many flat results, the result travels in memory behind one i32 pointer. */
  static final int MAX_FLAT_RESULTS = 1;

  private Flattening() {}

  /**
   * A core function type in flattened form.
   *
   * @param params the core parameter types
   * @param results the core result types (empty or one)
   */
  public record Signature(List<FlatType> params, List<FlatType> results) {
    public Signature {
      params = List.copyOf(params);
      results = List.copyOf(results);
    }
  }

  /**
   * {@code flatten_functype(ft, context)} for a synchronous function. In both contexts more than
   * {@link #MAX_FLAT_PARAMS} flat parameters become one i32 pointer to a tuple of the parameters.
   * More than {@link #MAX_FLAT_RESULTS} flat results become, for {@code lift} (the core callee
   * returns them), one i32 result pointing to the stored tuple and, for {@code lower} (the core
   * caller receives them), one extra i32 parameter where the caller wants them stored, with no
   * results.
   *
   * @param lift true for the type {@code canon lift} expects of its core function, false for the
   *     type of the core function {@code canon lower} produces
   */
  public static Signature flatSignature(FuncType type, boolean lift) {
    List<FlatType> params = flattenAll(type.paramTypes());
    if (params.size() > MAX_FLAT_PARAMS) {
      params = List.of(FlatType.I32);
    }
    List<FlatType> results = flattenAll(type.resultTypes());
    if (results.size() > MAX_FLAT_RESULTS) {
      if (lift) {
        results = List.of(FlatType.I32);
      } else {
        params = new ArrayList<>(params);
        params.add(FlatType.I32);
        results = List.of();
      }
    }
    return new Signature(params, results);
  }

  /** {@code flatten_types(ts)}: the flat types of each type, concatenated. */
  static List<FlatType> flattenAll(List<ValType> types) {
    List<FlatType> out = new ArrayList<>();
    for (ValType t : types) {
      flatten(t, out);
    }
    return out;
  }

  /** {@code flatten_type(t)}: the flat types of one value. */
  static List<FlatType> flatten(ValType t) {
    List<FlatType> out = new ArrayList<>();
    flatten(t, out);
    return out;
  }

  /**
   * How many flat values {@code t} takes, without building the list: what deciding between flat and
   * in-memory passing needs.
   */
  static int flatCount(ValType t) {
    return switch (t.kind()) {
      case BOOL, S8, U8, S16, U16, S32, U32, S64, U64, F32, F64, CHAR, OWN, BORROW -> 1;
      case STRING, LIST -> 2;
      case FLAGS -> Layout.flagsWords(((FlagsType) t).names().size());
      case RECORD, TUPLE, VARIANT, ENUM, OPTION, RESULT -> TypeInfo.of(t).flatCount;
    };
  }

  /** The flat count of several types together. */
  static int flatCount(List<ValType> types) {
    int n = 0;
    for (ValType t : types) {
      n += flatCount(t);
    }
    return n;
  }

  /**
   * {@code flatten_variant(cases)}: the discriminant's i32, then for each position the {@link
   * FlatType#join} of every case payload that reaches it.
   */
  static List<FlatType> flattenVariant(List<ValType> caseTypes) {
    List<FlatType> flat = new ArrayList<>();
    flat.add(FlatType.I32);
    List<FlatType> caseFlat = new ArrayList<>();
    for (ValType c : caseTypes) {
      if (c == null) {
        continue;
      }
      caseFlat.clear();
      flatten(c, caseFlat);
      for (int i = 0; i < caseFlat.size(); i++) {
        if (i + 1 < flat.size()) {
          flat.set(i + 1, FlatType.join(flat.get(i + 1), caseFlat.get(i)));
        } else {
          flat.add(caseFlat.get(i));
        }
      }
    }
    return flat;
  }

  /** Appends the flat types of {@code t} to {@code out}; returns {@code out}. */
  private static List<FlatType> flatten(ValType t, List<FlatType> out) {
    return switch (t.kind()) {
      case BOOL, S8, U8, S16, U16, S32, U32, CHAR, OWN, BORROW -> add(out, FlatType.I32, 1);
      case S64, U64 -> add(out, FlatType.I64, 1);
      case F32 -> add(out, FlatType.F32, 1);
      case F64 -> add(out, FlatType.F64, 1);
      case STRING, LIST -> add(out, FlatType.I32, 2);
      case FLAGS -> add(out, FlatType.I32, Layout.flagsWords(((FlagsType) t).names().size()));
      case RECORD, TUPLE -> {
        for (ValType f : Shapes.fieldTypes(t)) {
          flatten(f, out);
        }
        yield out;
      }
      case VARIANT, ENUM, OPTION, RESULT -> {
        out.addAll(flattenVariant(Shapes.caseTypes(t)));
        yield out;
      }
    };
  }

  private static List<FlatType> add(List<FlatType> out, FlatType t, int count) {
    for (int i = 0; i < count; i++) {
      out.add(t);
    }
    return out;
  }
}
