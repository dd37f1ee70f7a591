package dev.wasihttp.component.internal.wit;

import dev.wasihttp.component.internal.link.InstanceExports;
import dev.wasihttp.component.internal.link.Item;
import dev.wasihttp.component.types.FuncType;
import dev.wasihttp.component.types.ResourceType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints a component's imports and exports as WIT, in the shape {@code wasm-tools component wit}
 * uses: a root world that names each interface, then one {@code package ... { }} block per package
 * with the interfaces' resources, types and functions. Interfaces with plain (non {@code
 * ns:pkg/iface}) names are printed inline in the world.
 */
public final class WitPrinter {
  private WitPrinter() {}

  /** The WIT text for a component with these imports and exports. */
  public static String print(Map<String, Item> imports, InstanceExports exports) {
    TypeNames names = new TypeNames();
    List<Iface> ifaces = new ArrayList<>();
    collect(imports, ifaces, names);
    collect(exports.exports(), ifaces, names);

    StringBuilder out = new StringBuilder("package root:component;\n\nworld root {\n");
    world(out, "import", imports, names);
    world(out, "export", exports.exports(), names);
    out.append("}\n");

    Map<String, List<Iface>> byPackage = new LinkedHashMap<>();
    for (Iface i : ifaces) {
      if (i.name.isQualified()) {
        byPackage.computeIfAbsent(i.name.packageName(), k -> new ArrayList<>());
        List<Iface> list = byPackage.get(i.name.packageName());
        if (list.stream().noneMatch(x -> x.name.iface().equals(i.name.iface()))) {
          list.add(i);
        }
      }
    }
    for (Map.Entry<String, List<Iface>> p : byPackage.entrySet()) {
      out.append("\npackage ").append(p.getKey()).append(" {\n");
      boolean first = true;
      for (Iface i : p.getValue()) {
        if (!first) {
          out.append('\n');
        }
        first = false;
        out.append("  interface ").append(i.name.iface()).append(" {\n");
        new InterfaceWriter(i.name, i.instance, names, "    ").write(out);
        out.append("  }\n");
      }
      out.append("}\n");
    }
    return out.toString();
  }

  private record Iface(InterfaceName name, InstanceExports instance) {}

  private static void collect(Map<String, Item> items, List<Iface> ifaces, TypeNames names) {
    for (Map.Entry<String, Item> e : items.entrySet()) {
      if (e.getValue() instanceof Item.Instance) {
        InterfaceName n = InterfaceName.parse(e.getKey());
        InstanceExports iv = ((Item.Instance) e.getValue()).instance();
        ifaces.add(new Iface(n, iv));
        for (Map.Entry<String, Item> x : iv.exports().entrySet()) {
          if (x.getValue() instanceof Item.Type) {
            names.define(((Item.Type) x.getValue()).type(), n, x.getKey());
          }
        }
      }
    }
  }

  private static void world(
      StringBuilder out, String dir, Map<String, Item> items, TypeNames names) {
    for (Map.Entry<String, Item> e : items.entrySet()) {
      Item item = e.getValue();
      if (item instanceof Item.Instance instance) {
        InterfaceName n = InterfaceName.parse(e.getKey());
        if (n.isQualified()) {
          out.append("  ").append(dir).append(' ').append(e.getKey()).append(";\n");
        } else {
          out.append("  ")
              .append(dir)
              .append(' ')
              .append(Ident.of(e.getKey()))
              .append(": interface {\n");
          new InterfaceWriter(n, instance.instance(), names, "    ").write(out);
          out.append("  }\n");
        }
      } else if (item instanceof Item.Func func) {
        FuncType t = func.func().type();
        out.append("  ")
            .append(dir)
            .append(' ')
            .append(Ident.of(e.getKey()))
            .append(": ")
            .append(names.func(t, null))
            .append(";\n");
      } else if (item instanceof Item.Type type) {
        Object t = type.type();
        if (t instanceof ResourceType) {
          out.append("  ")
              .append(dir)
              .append(" resource ")
              .append(Ident.of(e.getKey()))
              .append(";\n");
        }
      }
    }
  }
}
