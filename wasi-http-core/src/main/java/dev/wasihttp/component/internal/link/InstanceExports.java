package dev.wasihttp.component.internal.link;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A component instance as its importers see it: its exports by name, in export order. */
public final class InstanceExports {
  private final Map<String, Item> exports;

  public InstanceExports(Map<String, Item> exports) {
    this.exports = Collections.unmodifiableMap(new LinkedHashMap<>(exports));
  }

  /** The export named {@code name}, or null. */
  public Item export(String name) {
    return exports.get(name);
  }

  public Map<String, Item> exports() {
    return exports;
  }

  /**
   * The name of the exported instance that {@code interfaceName} picks, matched semver-compatibly
   * as imports are ({@link Semver#bestMatch}), or null.
   */
  public String interfaceExport(String interfaceName) {
    String found = Semver.bestMatch(interfaceName, exports.keySet());
    return found != null && exports.get(found) instanceof Item.Instance ? found : null;
  }

  /** Function {@code name} of the exported instance {@code exportName}, or null. */
  public ComponentFunc instanceFunc(String exportName, String name) {
    Item item = exportName == null ? null : exports.get(exportName);
    if (!(item instanceof Item.Instance)) {
      return null;
    }
    Item f = ((Item.Instance) item).instance().export(name);
    return f instanceof Item.Func f1 ? f1.func() : null;
  }
}
