package dev.wasihttp.component.types;

import java.util.List;

/** {@code flags { a, b, ... }}: a set of named bits, bit i for the i-th name. */
public record FlagsType(List<String> names) implements ValType {
  public FlagsType {
    names = List.copyOf(names);
  }

  @Override
  public String wit() {
    return "flags { " + String.join(", ", names) + " }";
  }

  @Override
  public Kind kind() {
    return Kind.FLAGS;
  }
}
