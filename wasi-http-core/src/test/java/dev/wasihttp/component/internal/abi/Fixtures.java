package dev.wasihttp.component.internal.abi;

import dev.wasihttp.component.types.EnumType;
import dev.wasihttp.component.types.FlagsType;
import dev.wasihttp.component.types.FuncType;
import dev.wasihttp.component.types.ListType;
import dev.wasihttp.component.types.OptionType;
import dev.wasihttp.component.types.RecordType;
import dev.wasihttp.component.types.ResultType;
import dev.wasihttp.component.types.TupleType;
import dev.wasihttp.component.types.ValType;
import dev.wasihttp.component.types.VariantType;
import dev.wasihttp.component.values.Val;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Short spellings of types and values for the canonical-ABI tests. */
final class Fixtures {
  private Fixtures() {}

  static ListType list(ValType t) {
    return new ListType(t);
  }

  static TupleType tuple(ValType... ts) {
    return new TupleType(List.of(ts));
  }

  static OptionType option(ValType t) {
    return new OptionType(t);
  }

  static ResultType result(ValType ok, ValType err) {
    return new ResultType(ok, err);
  }

  static EnumType enumOf(String... names) {
    return new EnumType(List.of(names));
  }

  /** {@code flags} with names f0, f1, ... */
  static FlagsType flags(int count) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      names.add("f" + i);
    }
    return new FlagsType(names);
  }

  /** A record from alternating names and types: {@code record("a", U8, "b", STRING)}. */
  static RecordType record(Object... namesAndTypes) {
    List<RecordType.Field> fields = new ArrayList<>();
    for (int i = 0; i < namesAndTypes.length; i += 2) {
      fields.add(new RecordType.Field((String) namesAndTypes[i], (ValType) namesAndTypes[i + 1]));
    }
    return new RecordType(fields);
  }

  /** A variant from alternating case names and payload types (null for none). */
  static VariantType variant(Object... namesAndTypes) {
    List<VariantType.Case> cases = new ArrayList<>();
    for (int i = 0; i < namesAndTypes.length; i += 2) {
      cases.add(new VariantType.Case((String) namesAndTypes[i], (ValType) namesAndTypes[i + 1]));
    }
    return new VariantType(cases);
  }

  /** A function of unnamed parameters p0, p1, ... and an optional result. */
  static FuncType func(List<ValType> params, ValType result) {
    List<FuncType.Param> ps = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      ps.add(new FuncType.Param("p" + i, params.get(i)));
    }
    return new FuncType(ps, result);
  }

  static Val.U8 u8(int v) {
    return new Val.U8(v);
  }

  static Val.U32 u32(long v) {
    return new Val.U32(v);
  }

  static Val.S32 s32(int v) {
    return new Val.S32(v);
  }

  static Val.Str str(String s) {
    return new Val.Str(s);
  }

  static Val.ListValue listOf(Val... vs) {
    return new Val.ListValue(Arrays.asList(vs));
  }

  static Val.Tuple tupleOf(Val... vs) {
    return new Val.Tuple(Arrays.asList(vs));
  }

  /** A record value from alternating names and values. */
  static Val.RecordValue recordOf(Object... namesAndValues) {
    List<Val.RecordValue.Field> fields = new ArrayList<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      fields.add(
          new Val.RecordValue.Field((String) namesAndValues[i], (Val) namesAndValues[i + 1]));
    }
    return new Val.RecordValue(fields);
  }

  static Val.Flags flagsOf(String... names) {
    return new Val.Flags(List.of(names));
  }

  /** {@code count} copies of {@code t}. */
  static List<ValType> repeat(ValType t, int count) {
    List<ValType> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(t);
    }
    return out;
  }
}
