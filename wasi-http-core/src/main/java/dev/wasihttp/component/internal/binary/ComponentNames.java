package dev.wasihttp.component.internal.binary;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The {@code component-name} custom section (Binary.md, "Name Section"): debug names for the
 * component and for indices of each sort.
 *
 * @param componentName the component's own name, or {@code null}
 * @param names per sort, index to name (immutable; sorts without names are absent)
 */
public record ComponentNames(String componentName, Map<Sort, Map<Integer, String>> names) {
  public ComponentNames {
    EnumMap<Sort, Map<Integer, String>> copy = new EnumMap<>(Sort.class);
    names.forEach((sort, m) -> copy.put(sort, Map.copyOf(m)));
    names = Collections.unmodifiableMap(copy);
  }

  /** The name of {@code index} in {@code sort}'s index space, or {@code null}. */
  public String name(Sort sort, int index) {
    Map<Integer, String> m = names.get(sort);
    return m == null ? null : m.get(index);
  }
}
