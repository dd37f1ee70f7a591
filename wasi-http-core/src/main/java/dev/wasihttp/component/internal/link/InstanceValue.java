package dev.wasihttp.component.internal.link;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A component instance as its importers see it: its exports by name, in export order. */
public final class InstanceValue {
  private final Map<String, Item> exports;

  public InstanceValue(Map<String, Item> exports) {
    this.exports = Collections.unmodifiableMap(new LinkedHashMap<>(exports));
  }

  /** The export named {@code name}, or null. */
  public Item export(String name) {
    return exports.get(name);
  }

  public Map<String, Item> exports() {
    return exports;
  }
}
