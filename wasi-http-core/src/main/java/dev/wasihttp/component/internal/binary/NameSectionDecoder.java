package dev.wasihttp.component.internal.binary;

import dev.wasihttp.component.errors.ComponentException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code component-name} custom section (Binary.md, "Name Section"). Its validity is not
 * required, so a malformed section yields {@code null} and never fails the decode.
 */
final class NameSectionDecoder {
  private NameSectionDecoder() {}

  /**
   * Decodes the subsections after the section name: {@code 0} the component's name, {@code 1} a
   * sort and a {@code namemap}; other subsection ids are skipped.
   *
   * @return the names, or {@code null} if anything in the section is malformed
   */
  static ComponentNames decode(BinaryReader r) {
    try {
      String componentName = null;
      Map<Sort, Map<Integer, String>> names = new EnumMap<>(Sort.class);
      while (!r.atEnd()) {
        int at = r.position();
        int id = r.u8("name subsection id");
        long size = r.u32("name subsection size");
        BinaryReader sub = r.window(size, "name subsection", at);
        if (id == 0) {
          componentName = sub.name("component name");
        } else if (id == 1) {
          Sort sort = DefinitionDecoder.sort(sub);
          Map<Integer, String> map = names.computeIfAbsent(sort, s -> new HashMap<>());
          int n = sub.count("name associations", 2);
          for (int i = 0; i < n; i++) {
            int index = sub.index("named index");
            map.put(index, sub.name("name"));
          }
        } else {
          sub.skip(sub.remaining(), "name subsection");
        }
        sub.expectEnd("name subsection");
      }
      return new ComponentNames(componentName, names);
    } catch (ComponentException e) {
      return null; // Binary.md: engines must not reject a component for an invalid name section
    }
  }
}
