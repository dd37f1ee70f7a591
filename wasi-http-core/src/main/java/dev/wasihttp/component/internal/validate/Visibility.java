package dev.wasihttp.component.internal.validate;

import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.component.internal.binary.DefType;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * External visibility of types (Explainer.md, "Type checking"; Binary.md's export notes): the type
 * of an import may mention only types introduced by preceding imports, and the type of an export
 * only types introduced by preceding imports or exports. Structural types (tuples, lists, options,
 * results, handles) are looked through; nominal ones (records, variants, enums, flags and
 * resources) must have been named by an import or export of the same scope.
 */
final class Visibility {
  private Visibility() {}

  static Set<VType> identitySet() {
    return Collections.newSetFromMap(new IdentityHashMap<>());
  }

  /** Checks an import or export's type against the types {@code visible} in its scope. */
  static void check(VType.Extern e, Set<VType> visible, String what, long at)
      throws ComponentException {
    boolean ok;
    switch (e.sort()) {
      case FUNC:
        ok = visible(e.type(), visible, false);
        break;
      case TYPE:
        ok = visible(e.type(), visible, true);
        break;
      case INSTANCE:
        ok = !(e.type() instanceof VType.Instance) || instance((VType.Instance) e.type(), visible);
        break;
      default:
        ok = true;
    }
    if (!ok) {
      String namers = what.equals("import") ? "import" : "import or export";
      throw Invalid.at(
          at,
          e.sort().text()
              + " not valid to be used as "
              + what
              + ": its type mentions a type no preceding "
              + namers
              + " names");
    }
  }

  /** Adds the types an instance's exports name (recursively) to {@code into}. */
  static void mint(VType.Instance i, Set<VType> into) {
    into.addAll(i.named());
    for (VType.Extern e : i.exports().values()) {
      if (e.type() instanceof VType.Instance) {
        mint((VType.Instance) e.type(), into);
      }
    }
  }

  private static boolean instance(VType.Instance i, Set<VType> visible) {
    Set<VType> inner = identitySet();
    inner.addAll(visible);
    inner.addAll(i.named());
    for (VType.Extern e : i.exports().values()) {
      switch (e.sort()) {
        case FUNC:
          if (!visible(e.type(), inner, false)) {
            return false;
          }
          break;
        case TYPE:
          if (!visible(VType.unwrap(e.type()), inner, true)) {
            return false;
          }
          break;
        case INSTANCE:
          if (e.type() instanceof VType.Instance && !instance((VType.Instance) e.type(), inner)) {
            return false;
          }
          break;
        default:
          break;
      }
    }
    return true;
  }

  /** {@code top}: the type being named itself, which may be nominal. */
  private static boolean visible(VType t, Set<VType> visible, boolean top) {
    if (t == null || visible.contains(t)) {
      return true;
    }
    if (t instanceof VType.Named named) {
      return visible(named.inner, visible, top);
    }
    if (t instanceof VType.Resource) {
      return top;
    }
    if (t instanceof VType.Handle handle) {
      return visible(handle.resource(), visible, false);
    }
    if (t instanceof VType.Value v) {
      DefType d = v.def();
      boolean nominal =
          d instanceof DefType.RecordDef
              || d instanceof DefType.VariantDef
              || d instanceof DefType.EnumDef
              || d instanceof DefType.FlagsDef;
      if (nominal && !top) {
        return false;
      }
      for (VType c : v.children()) {
        if (!visible(c, visible, false)) {
          return false;
        }
      }
      return true;
    }
    if (t instanceof VType.Func f) {
      for (VType p : f.params()) {
        if (!visible(p, visible, false)) {
          return false;
        }
      }
      return visible(f.result(), visible, false);
    }
    if (t instanceof VType.Instance instance) {
      return instance(instance, visible);
    }
    return true;
  }
}
