package dev.wasihttp.component.wave;

import dev.wasihttp.component.types.EnumType;
import dev.wasihttp.component.types.FlagsType;
import dev.wasihttp.component.types.ListType;
import dev.wasihttp.component.types.OptionType;
import dev.wasihttp.component.types.RecordType;
import dev.wasihttp.component.types.ResultType;
import dev.wasihttp.component.types.TupleType;
import dev.wasihttp.component.types.ValType;
import dev.wasihttp.component.types.VariantType;
import dev.wasihttp.component.values.Val;
import java.util.Arrays;
import java.util.List;

/** Short spellings of types for the WAVE tests, in the shape of the WIT they stand for. */
final class WaveTypes {
  private WaveTypes() {}

  static ListType list(ValType element) {
    return new ListType(element);
  }

  static OptionType option(ValType type) {
    return new OptionType(type);
  }

  static ResultType result(ValType ok, ValType err) {
    return new ResultType(ok, err);
  }

  static TupleType tuple(ValType... types) {
    return new TupleType(List.of(types));
  }

  static RecordType.Field field(String name, ValType type) {
    return new RecordType.Field(name, type);
  }

  static RecordType record(RecordType.Field... fields) {
    return new RecordType(List.of(fields));
  }

  static VariantType.Case payload(String name, ValType type) {
    return new VariantType.Case(name, type);
  }

  static VariantType.Case plain(String name) {
    return new VariantType.Case(name, null);
  }

  static VariantType variant(VariantType.Case... cases) {
    return new VariantType(List.of(cases));
  }

  static EnumType enumOf(String... names) {
    return new EnumType(List.of(names));
  }

  static FlagsType flags(String... names) {
    return new FlagsType(List.of(names));
  }

  /** {@code print(parse(text))}: the canonical form of {@code text}. */
  static String canonical(String text, ValType type) throws WaveException {
    return Wave.print(Wave.parse(text, type));
  }

  static Val.Flags flagVal(String... names) {
    return new Val.Flags(Arrays.asList(names));
  }
}
