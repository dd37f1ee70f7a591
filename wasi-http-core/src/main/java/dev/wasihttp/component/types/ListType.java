package dev.wasihttp.component.types;

import java.util.Objects;

/** {@code list<T>}. */
public record ListType(ValType element) implements ValType {
  public ListType {
    Objects.requireNonNull(element, "element");
  }

  @Override
  public String wit() {
    return "list<" + element.wit() + ">";
  }

  @Override
  public Kind kind() {
    return Kind.LIST;
  }
}
