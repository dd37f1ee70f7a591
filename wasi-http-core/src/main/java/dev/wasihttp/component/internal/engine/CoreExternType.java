package dev.wasihttp.component.internal.engine;

import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.Global;
import com.dylibso.chicory.wasm.types.GlobalImport;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.MemoryImport;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.MutabilityType;
import com.dylibso.chicory.wasm.types.TableImport;
import com.dylibso.chicory.wasm.types.TableLimits;
import com.dylibso.chicory.wasm.types.ValType;

/**
 * The declared type of a core global, table or memory, as a module imports or exports it, and core
 * import matching between them (core spec, "Import Subtyping"): the same value type and mutability
 * for globals, the same element type for tables, limits within the imported ones, and the same
 * {@code shared} flag for memories. Load-time validation uses it where no engine objects exist yet.
 *
 * @param valType a global's value type or a table's element type (Chicory's type id), else 0
 * @param max the declared maximum, or null when there is none
 */
public record CoreExternType(
    String kind, long valType, boolean mutable, long min, Long max, boolean shared) {

  /** The type import {@code index} of {@code m} declares, or null for functions and tags. */
  public static CoreExternType ofImport(CoreModule m, int index) {
    Import imp = m.module.importSection().getImport(index);
    if (imp instanceof GlobalImport g) {
      return global(g.type(), g.mutabilityType());
    } else if (imp instanceof TableImport t) {
      return table(t.entryType(), t.limits());
    } else if (imp instanceof MemoryImport import1) {
      return memory(import1.limits());
    }
    return null;
  }

  /** The type of {@code m}'s export {@code name}, or null for functions, tags and unknown names. */
  public static CoreExternType ofExport(CoreModule m, String name) {
    var exports = m.module.exportSection();
    for (int i = 0; i < exports.exportCount(); i++) {
      Export e = exports.getExport(i);
      if (e.name().equals(name)) {
        return ofIndex(m, e.exportType(), e.index());
      }
    }
    return null;
  }

  private static CoreExternType ofIndex(CoreModule m, ExternalType kind, int index) {
    var imports = m.module.importSection();
    int imported = 0;
    for (int i = 0; i < imports.importCount(); i++) {
      if (imports.getImport(i).importType() == kind) {
        if (imported == index) {
          return ofImport(m, i);
        }
        imported++;
      }
    }
    int local = index - imported;
    return switch (kind) {
      case GLOBAL -> {
        Global g = m.module.globalSection().getGlobal(local);
        yield global(g.valueType(), g.mutabilityType());
      }
      case TABLE -> {
        var t = m.module.tableSection().getTable(local);
        yield table(t.elementType(), t.limits());
      }
      case MEMORY ->
          m.module.memorySection().map(s -> memory(s.getMemory(local).limits())).orElse(null);
      case FUNCTION, TAG -> null;
    };
  }

  private static CoreExternType global(ValType t, MutabilityType m) {
    return new CoreExternType("global", t.id(), m == MutabilityType.Var, 0, null, false);
  }

  private static CoreExternType table(ValType t, TableLimits l) {
    Long max = l.max() >= TableLimits.LIMIT_MAX ? null : l.max();
    return new CoreExternType("table", t.id(), false, l.min(), max, false);
  }

  private static CoreExternType memory(MemoryLimits l) {
    Long max = l.maximumPages() >= MemoryLimits.MAX_PAGES ? null : (long) l.maximumPages();
    return new CoreExternType("memory", 0, false, l.initialPages(), max, l.shared());
  }

  /** Why {@code exported} cannot satisfy an import of this type, or null when it can. */
  public String mismatch(CoreExternType exported) {
    if (!kind.equals(exported.kind)) {
      return "expected " + kind + ", found " + exported.kind;
    }
    return switch (kind) {
      case "global" ->
          valType != exported.valType || mutable != exported.mutable
              ? "global type mismatch"
              : null;
      case "table" ->
          valType != exported.valType
              ? "table element type mismatch"
              : limits(exported) ? null : "mismatch in table limits";
      default ->
          shared != exported.shared
              ? "mismatch in the shared flag for memories"
              : limits(exported) ? null : "mismatch in memory limits";
    };
  }

  private boolean limits(CoreExternType exported) {
    if (exported.min < min) {
      return false;
    }
    return max == null || (exported.max != null && exported.max <= max);
  }
}
