package dev.wasihttp.component;

import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.component.internal.binary.ComponentAst;
import dev.wasihttp.component.internal.binary.Decl;
import dev.wasihttp.component.internal.binary.DefType;
import dev.wasihttp.component.internal.binary.Definition;
import dev.wasihttp.component.internal.binary.ExternDesc;
import dev.wasihttp.component.internal.binary.Sort;
import dev.wasihttp.component.internal.binary.TypeBound;
import dev.wasihttp.component.internal.link.HostDefinitions;
import java.util.ArrayList;
import java.util.List;

/**
 * The link-time check of a root component's imports against the host, by name, before anything is
 * instantiated: every imported interface, and every function and resource its instance type names,
 * must be defined (unless unknown imports trap).
 */
final class ImportCheck {
  private ImportCheck() {}

  static void check(ComponentAst ast, HostDefinitions<?> host) throws ComponentException {
    if (host.trapUnknownImports()) {
      return;
    }
    // The root's type index space, as far as it can be known without instantiating: type
    // definitions are kept, every other way of adding a type is a placeholder.
    List<DefType> types = new ArrayList<>();
    for (Definition d : ast.definitions()) {
      if (d instanceof Definition.TypeDef def3) {
        types.add(def3.type());
      } else if (d instanceof Definition.AliasDef def2 && def2.sort() == Sort.TYPE) {
        types.add(null);
      } else if (d instanceof Definition.ExportDef def1 && def1.item().sort() == Sort.TYPE) {
        types.add(null);
      } else if (d instanceof Definition.ImportDef imp) {
        String name = imp.name().name();
        if (imp.desc() instanceof ExternDesc.TypeDesc) {
          types.add(null);
          if (((ExternDesc.TypeDesc) imp.desc()).bound() instanceof TypeBound.SubResource) {
            throw unlinkable(
                imp, "resource \"" + name + "\" cannot be imported from the host at the root");
          }
        } else if (imp.desc() instanceof ExternDesc.FuncDesc) {
          if (host.rootFunc(name) == null) {
            throw unlinkable(imp, "no such function defined by the host");
          }
        } else if (imp.desc() instanceof ExternDesc.InstanceDesc) {
          HostDefinitions.Interface<?> iface = host.lookup(name);
          if (iface == null) {
            throw unlinkable(imp, "no such interface defined by the host");
          }
          int ti = ((ExternDesc.InstanceDesc) imp.desc()).typeIndex();
          DefType t = ti >= 0 && ti < types.size() ? types.get(ti) : null;
          if (t instanceof DefType.InstanceTypeDef def) {
            checkInstance(imp, def, iface);
          }
        } else {
          throw unlinkable(imp, "only instances and functions can be imported from the host");
        }
      }
    }
  }

  private static void checkInstance(
      Definition.ImportDef imp, DefType.InstanceTypeDef t, HostDefinitions.Interface<?> iface)
      throws ComponentException {
    for (Decl decl : t.decls()) {
      if (!(decl instanceof Decl.ExportDecl)) {
        continue;
      }
      var e = (Decl.ExportDecl) decl;
      String n = e.name().name();
      if (e.desc() instanceof ExternDesc.FuncDesc && !iface.funcs().containsKey(n)) {
        throw unlinkable(imp, "function \"" + n + "\" is not defined by the host");
      }
      if (e.desc() instanceof ExternDesc.TypeDesc
          && ((ExternDesc.TypeDesc) e.desc()).bound() instanceof TypeBound.SubResource
          && !iface.resources().containsKey(n)) {
        throw unlinkable(imp, "resource \"" + n + "\" is not defined by the host");
      }
    }
  }

  private static ComponentException unlinkable(Definition.ImportDef imp, String message) {
    return new ComponentException(
        ComponentException.Kind.UNLINKABLE,
        imp.offset(),
        "import \"" + imp.name().name() + "\": " + message);
  }
}
