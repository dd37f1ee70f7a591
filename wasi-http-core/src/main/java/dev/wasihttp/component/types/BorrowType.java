package dev.wasihttp.component.types;

import java.util.Objects;

/** {@code borrow<R>}: a handle lent for the duration of one call. */
public record BorrowType(ResourceType resource) implements ValType {
  public BorrowType {
    Objects.requireNonNull(resource, "resource");
  }

  @Override
  public String wit() {
    return "borrow<" + resource.name() + ">";
  }

  @Override
  public Kind kind() {
    return Kind.BORROW;
  }
}
