package dev.wasihttp.component.types;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A component function type: named parameters and at most one result ({@code result} is null for a
 * function that returns nothing), as WIT writes {@code func(a: u32) -> string}.
 */
public record FuncType(List<Param> params, ValType result) {
  /** One named parameter. */
  public record Param(String name, ValType type) {}

  public FuncType {
    params = List.copyOf(params);
  }

  /** The parameter types in order. */
  public List<ValType> paramTypes() {
    return params.stream().map(Param::type).collect(Collectors.toList());
  }

  /** The result types: empty or one. */
  public List<ValType> resultTypes() {
    return result == null ? List.of() : List.of(result);
  }

  /** This type as WIT, e.g. {@code func(a: u32) -> string}. */
  public String wit() {
    String ps =
        params.stream()
            .map(p -> p.name() + ": " + p.type().wit())
            .collect(Collectors.joining(", ", "func(", ")"));
    return result == null ? ps : ps + " -> " + result.wit();
  }
}
