package dev.wasihttp.component.types;

import java.util.List;
import java.util.stream.Collectors;

/** {@code tuple<T, ...>}. */
public record TupleType(List<ValType> types) implements ValType {
  public TupleType {
    types = List.copyOf(types);
  }

  @Override
  public String wit() {
    return types.stream().map(ValType::wit).collect(Collectors.joining(", ", "tuple<", ">"));
  }

  @Override
  public Kind kind() {
    return Kind.TUPLE;
  }
}
