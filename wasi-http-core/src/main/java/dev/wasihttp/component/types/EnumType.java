package dev.wasihttp.component.types;

import java.util.List;

/** {@code enum { a, b, ... }}: a variant whose cases carry no payload. */
public record EnumType(List<String> names) implements ValType {
  public EnumType {
    names = List.copyOf(names);
  }

  @Override
  public String wit() {
    return "enum { " + String.join(", ", names) + " }";
  }

  @Override
  public Kind kind() {
    return Kind.ENUM;
  }
}
