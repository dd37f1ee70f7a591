package dev.wasihttp.component.internal.abi;

import dev.wasihttp.component.errors.Trap;
import dev.wasihttp.component.types.FuncType;
import dev.wasihttp.component.types.TupleType;
import dev.wasihttp.component.types.ValType;
import dev.wasihttp.component.values.Val;
import java.util.ArrayList;
import java.util.List;

/**
 * The canonical ABI at call level (CanonicalABI.md, "Lifting and Lowering Values", and the
 * synchronous paths of "canon lift" and "canon lower"): the four conversions a call across a
 * component boundary makes between component values and core values.
 *
 * <ul>
 *   <li>{@code canon lift} (a component-level call into a core function): {@link #lowerParams}
 *       turns the arguments into the core function's arguments and {@link #liftResult} turns its
 *       core results into the result.
 *   <li>{@code canon lower} (a core call into a component function): {@link #liftParams} turns the
 *       core arguments into the arguments and {@link #lowerResult} hands the result back.
 * </ul>
 *
 * <p>Core values are {@code long}s as {@link CoreFunc} passes them. The core values' count must
 * match {@link Flattening#flatSignature} (the linker type-checks core functions against it); a
 * mismatch is an {@link IllegalArgumentException}. Everything that depends on guest behaviour or on
 * the host's values traps with a {@link Trap}. Thread-safe: no state of its own.
 */
public final class CanonicalAbi {
  private CanonicalAbi() {}

  /**
   * Lowers a lifted function's arguments into core arguments ({@code lower_flat_values} with {@code
   * MAX_FLAT_PARAMS}). Up to 16 flat values are passed directly; more are stored as a tuple in
   * memory allocated with the callee's {@code realloc}, and the one core argument is its pointer.
   *
   * @throws Trap when an argument does not match its type, or realloc misbehaves
   */
  public static long[] lowerParams(LiftLowerContext cx, FuncType type, List<Val> args) {
    List<ValType> types = type.paramTypes();
    if (args == null || args.size() != types.size()) {
      throw new Trap(
          "expected "
              + types.size()
              + " arguments for "
              + type.wit()
              + ", got "
              + (args == null ? "none" : args.size()));
    }
    if (Flattening.flatCount(types) > Flattening.MAX_FLAT_PARAMS) {
      // The parameters are stored as a tuple (CanonicalABI.md, lower_flat_values).
      TupleType tuple = new TupleType(types);
      long ptr = cx.allocate(Layout.alignment(tuple), Layout.elemSize(tuple), "argument");
      int[] offsets = Layout.fieldOffsets(types);
      for (int i = 0; i < types.size(); i++) {
        Storing.store(cx, args.get(i), types.get(i), ptr + offsets[i]);
      }
      return new long[] {ptr};
    }
    CoreValues.Buffer out = new CoreValues.Buffer();
    for (int i = 0; i < types.size(); i++) {
      LowerFlat.lowerFlat(cx, args.get(i), types.get(i), out);
    }
    return out.toArray();
  }

  /**
   * Lifts a lifted function's result from its core results ({@code lift_flat_values} with {@code
   * MAX_FLAT_RESULTS}). A result of more than one flat value is read through the one core result, a
   * pointer that must be aligned with the whole value inside memory.
   *
   * @return the result, or null for a function without one
   * @throws Trap when the core results do not hold a valid value of the result type
   */
  public static Val liftResult(LiftLowerContext cx, FuncType type, long[] coreResults) {
    ValType t = type.result();
    int flat = t == null ? 0 : Flattening.flatCount(t);
    boolean indirect = flat > Flattening.MAX_FLAT_RESULTS;
    expectCount(coreResults, indirect ? 1 : flat, "core results", type);
    if (t == null) {
      return null;
    }
    if (indirect) {
      long ptr = coreResults[0] & 0xffff_ffffL;
      cx.checkPointer(ptr, Layout.alignment(t), Layout.elemSize(t));
      return Loading.load(cx, ptr, t);
    }
    return LiftFlat.liftFlat(cx, new CoreValues.Cursor(coreResults, 0), t);
  }

  /**
   * Lifts a lowered function's arguments from the core arguments ({@code lift_flat_values} with
   * {@code MAX_FLAT_PARAMS}). More than 16 flat values are read through the first core argument, a
   * pointer to a tuple that must be aligned and inside memory.
   *
   * @param coreArgs the core arguments, including the trailing return pointer if the result is
   *     returned through memory
   * @throws Trap when the core arguments do not hold valid values of the parameter types
   */
  public static List<Val> liftParams(LiftLowerContext cx, FuncType type, long[] coreArgs) {
    List<ValType> types = type.paramTypes();
    int flat = Flattening.flatCount(types);
    boolean indirect = flat > Flattening.MAX_FLAT_PARAMS;
    int expected = (indirect ? 1 : flat) + (returnsThroughPointer(type) ? 1 : 0);
    expectCount(coreArgs, expected, "core arguments", type);
    List<Val> out = new ArrayList<>(types.size());
    if (indirect) {
      // The parameters are read as a tuple (CanonicalABI.md, lift_flat_values).
      TupleType tuple = new TupleType(types);
      long ptr = coreArgs[0] & 0xffff_ffffL;
      cx.checkPointer(ptr, Layout.alignment(tuple), Layout.elemSize(tuple));
      int[] offsets = Layout.fieldOffsets(types);
      for (int i = 0; i < types.size(); i++) {
        out.add(Loading.load(cx, ptr + offsets[i], types.get(i)));
      }
      return out;
    }
    CoreValues.Cursor vi = new CoreValues.Cursor(coreArgs, 0);
    for (ValType t : types) {
      out.add(LiftFlat.liftFlat(cx, vi, t));
    }
    return out;
  }

  /**
   * Lowers a lowered function's result into its core results ({@code lower_flat_values} with {@code
   * MAX_FLAT_RESULTS}). A result of more than one flat value is stored through the caller's return
   * pointer, the last core argument, which must be aligned with the whole value inside memory;
   * there are then no core results.
   *
   * @param result the result, null for a function without one
   * @param coreArgs the core arguments the call was made with
   * @throws Trap when the result does not match the result type, or realloc misbehaves
   */
  public static long[] lowerResult(
      LiftLowerContext cx, FuncType type, Val result, long[] coreArgs) {
    ValType t = type.result();
    if (t == null) {
      if (result != null) {
        throw new Trap(
            "type mismatch: expected no result for "
                + type.wit()
                + ", got "
                + Shapes.describe(result));
      }
      return new long[0];
    }
    if (returnsThroughPointer(type)) {
      if (coreArgs == null || coreArgs.length == 0) {
        throw new IllegalArgumentException("no return pointer among the core arguments");
      }
      long ptr = coreArgs[coreArgs.length - 1] & 0xffff_ffffL;
      cx.checkPointer(ptr, Layout.alignment(t), Layout.elemSize(t));
      Storing.store(cx, result, t, ptr);
      return new long[0];
    }
    CoreValues.Buffer out = new CoreValues.Buffer();
    LowerFlat.lowerFlat(cx, result, t, out);
    return out.toArray();
  }

  private static boolean returnsThroughPointer(FuncType type) {
    return type.result() != null
        && Flattening.flatCount(type.result()) > Flattening.MAX_FLAT_RESULTS;
  }

  private static void expectCount(long[] values, int expected, String what, FuncType type) {
    int actual = values == null ? 0 : values.length;
    if (actual != expected) {
      throw new IllegalArgumentException(
          expected + " " + what + " expected for " + type.wit() + ", got " + actual);
    }
  }
}
