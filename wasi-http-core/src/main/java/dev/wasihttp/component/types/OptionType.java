package dev.wasihttp.component.types;

import java.util.Objects;

/** {@code option<T>}. */
public record OptionType(ValType type) implements ValType {
  public OptionType {
    Objects.requireNonNull(type, "type");
  }

  @Override
  public String wit() {
    return "option<" + type.wit() + ">";
  }

  @Override
  public Kind kind() {
    return Kind.OPTION;
  }
}
