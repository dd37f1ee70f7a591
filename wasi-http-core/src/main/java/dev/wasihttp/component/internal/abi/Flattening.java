package dev.wasihttp.component.internal.abi;

import dev.wasihttp.component.types.BorrowType;
import dev.wasihttp.component.types.FlagsType;
import dev.wasihttp.component.types.FuncType;
import dev.wasihttp.component.types.ListType;
import dev.wasihttp.component.types.OwnType;
import dev.wasihttp.component.types.PrimitiveType;
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
  public static final int MAX_FLAT_PARAMS = 16;

  /** Above this many flat results, the result travels in memory behind one i32 pointer. */
  public static final int MAX_FLAT_RESULTS = 1;

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
  public static List<FlatType> flattenAll(List<ValType> types) {
    List<FlatType> out = new ArrayList<>();
    for (ValType t : types) {
      flatten(t, out);
    }
    return out;
  }

  /** {@code flatten_type(t)}: the flat types of one value. */
  public static List<FlatType> flatten(ValType t) {
    List<FlatType> out = new ArrayList<>();
    flatten(t, out);
    return out;
  }

  /**
   * How many flat values {@code t} takes, without building the list: what deciding between flat and
   * in-memory passing needs.
   */
  public static int flatCount(ValType t) {
    if (t == PrimitiveType.STRING || t instanceof ListType) {
      return 2;
    } else if (t instanceof PrimitiveType || t instanceof OwnType || t instanceof BorrowType) {
      return 1;
    } else if (t instanceof FlagsType type) {
      return Layout.flagsWords(type.names().size());
    } else if (Shapes.isRecordLike(t)) {
      int n = 0;
      for (ValType f : Shapes.fieldTypes(t)) {
        n += flatCount(f);
      }
      return n;
    } else {
      int n = 0;
      for (ValType c : Shapes.caseTypes(t)) {
        if (c != null) {
          n = Math.max(n, flatCount(c));
        }
      }
      return 1 + n;
    }
  }

  /** The flat count of several types together. */
  public static int flatCount(List<ValType> types) {
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

  private static void flatten(ValType t, List<FlatType> out) {
    if (t instanceof PrimitiveType type1) {
      switch (type1) {
        case S64:
        case U64:
          out.add(FlatType.I64);
          break;
        case F32:
          out.add(FlatType.F32);
          break;
        case F64:
          out.add(FlatType.F64);
          break;
        case STRING:
          out.add(FlatType.I32);
          out.add(FlatType.I32);
          break;
        default:
          out.add(FlatType.I32);
          break;
      }
    } else if (t instanceof ListType) {
      out.add(FlatType.I32);
      out.add(FlatType.I32);
    } else if (t instanceof OwnType || t instanceof BorrowType) {
      out.add(FlatType.I32);
    } else if (t instanceof FlagsType type) {
      for (int i = Layout.flagsWords(type.names().size()); i > 0; i--) {
        out.add(FlatType.I32);
      }
    } else if (Shapes.isRecordLike(t)) {
      for (ValType f : Shapes.fieldTypes(t)) {
        flatten(f, out);
      }
    } else {
      out.addAll(flattenVariant(Shapes.caseTypes(t)));
    }
  }
}
