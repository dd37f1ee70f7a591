package dev.wasihttp.component.types;

import java.util.List;
import java.util.stream.Collectors;

/** {@code record { name: type, ... }}: named fields in declaration order (at least one). */
public record RecordType(List<Field> fields) implements ValType {
  /** One named field of a record. */
  public record Field(String name, ValType type) {}

  public RecordType {
    fields = List.copyOf(fields);
  }

  @Override
  public String wit() {
    return fields.stream()
        .map(f -> f.name() + ": " + f.type().wit())
        .collect(Collectors.joining(", ", "record { ", " }"));
  }

  @Override
  public Kind kind() {
    return Kind.RECORD;
  }
}
