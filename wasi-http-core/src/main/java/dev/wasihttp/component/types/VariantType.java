package dev.wasihttp.component.types;

import java.util.List;
import java.util.stream.Collectors;

/** {@code variant { case(type), case, ... }}: the discriminant is the case's position. */
public record VariantType(List<Case> cases) implements ValType {
  /** One case; {@code type} is null for a case without payload. */
  public record Case(String name, ValType type) {}

  public VariantType {
    cases = List.copyOf(cases);
  }

  /** The position of the case named {@code name}, or -1. */
  public int indexOf(String name) {
    for (int i = 0; i < cases.size(); i++) {
      if (cases.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public String wit() {
    return cases.stream()
        .map(c -> c.type() == null ? c.name() : c.name() + "(" + c.type().wit() + ")")
        .collect(Collectors.joining(", ", "variant { ", " }"));
  }

  @Override
  public Kind kind() {
    return Kind.VARIANT;
  }
}
