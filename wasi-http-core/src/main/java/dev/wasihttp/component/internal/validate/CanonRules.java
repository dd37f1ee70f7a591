package dev.wasihttp.component.internal.validate;

import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.component.internal.binary.Canon;
import dev.wasihttp.component.internal.binary.CanonOpt;
import dev.wasihttp.component.internal.binary.DefType;
import dev.wasihttp.component.internal.binary.Sort;
import dev.wasihttp.component.types.PrimitiveType;
import java.util.List;
import java.util.Locale;

/**
 * Validation of canonical definitions (Binary.md, "Canonical Definitions"; CanonicalABI.md,
 * "Canonical options"): each option at most once, {@code post-return} only on lifts, {@code memory}
 * required when values pass through linear memory and {@code realloc} when the callee side
 * allocates, function and resource types where they are required, and {@code resource.new} and
 * {@code resource.rep} only on resources the component defines.
 */
final class CanonRules {
  static final int MAX_FLAT_PARAMS = 16;
  static final int MAX_FLAT_RESULTS = 1;

  private CanonRules() {}

  static void define(Canon c, Scope s, long at) throws ComponentException {
    if (c instanceof Canon.Lift lift) {
      s.check(Sort.CORE_FUNC, lift.coreFuncIndex(), at);
      VType t = s.type(lift.typeIndex(), at);
      if (!(VType.unwrap(t) instanceof VType.Func || t instanceof VType.Unknown)) {
        throw Invalid.at(at, "type index " + lift.typeIndex() + " is not a function type");
      }
      options(lift.options(), t, true, s, at);
      s.funcs.add(t);
    } else if (c instanceof Canon.Lower lower) {
      VType t = s.item(Sort.FUNC, lower.funcIndex(), at);
      options(lower.options(), t, false, s, at);
      s.add(Sort.CORE_FUNC);
    } else {
      int index;
      boolean local;
      if (c instanceof Canon.ResourceNew new1) {
        index = new1.typeIndex();
        local = true;
      } else if (c instanceof Canon.ResourceRep rep) {
        index = rep.typeIndex();
        local = true;
      } else {
        index = ((Canon.ResourceDrop) c).typeIndex();
        local = false;
      }
      VType t = VType.unwrap(s.type(index, at));
      if (!(t instanceof VType.Resource || t instanceof VType.Unknown)) {
        throw Invalid.at(at, "type index " + index + " is not a resource type");
      }
      if (local && t instanceof VType.Resource && !s.local.contains(t)) {
        throw Invalid.at(at, "type index " + index + " is not a local resource");
      }
      s.add(Sort.CORE_FUNC);
    }
  }

  private static void options(List<CanonOpt> opts, VType type, boolean lift, Scope s, long at)
      throws ComponentException {
    String encoding = null;
    boolean memory = false;
    boolean realloc = false;
    boolean postReturn = false;
    for (CanonOpt o : opts) {
      if (o instanceof CanonOpt.StringEncodingOpt opt3) {
        String e = opt3.encoding().name().toLowerCase(Locale.ROOT).replace('_', '-');
        if (encoding != null) {
          throw Invalid.at(
              at, "canonical encoding option `" + encoding + "` conflicts with option `" + e + "`");
        }
        encoding = e;
      } else if (o instanceof CanonOpt.MemoryOpt opt2) {
        once(memory, "memory", at);
        memory = true;
        s.check(Sort.CORE_MEMORY, opt2.coreMemoryIndex(), at);
      } else if (o instanceof CanonOpt.ReallocOpt opt1) {
        once(realloc, "realloc", at);
        realloc = true;
        s.check(Sort.CORE_FUNC, opt1.coreFuncIndex(), at);
      } else if (o instanceof CanonOpt.PostReturnOpt opt) {
        once(postReturn, "post-return", at);
        postReturn = true;
        if (!lift) {
          throw Invalid.at(at, "canonical option `post-return` cannot be specified for lowerings");
        }
        s.check(Sort.CORE_FUNC, opt.coreFuncIndex(), at);
      }
    }
    if (realloc && !memory) {
      throw Invalid.at(at, "canonical option `realloc` requires `memory` to also be specified");
    }
    if (!(VType.unwrap(type) instanceof VType.Func)) {
      return;
    }
    var f = (VType.Func) VType.unwrap(type);
    boolean paramsInMemory = false;
    int flatParams = 0;
    for (VType p : f.params()) {
      paramsInMemory |= usesMemory(p);
      flatParams += flat(p);
    }
    boolean resultInMemory = f.result() != null && usesMemory(f.result());
    int flatResults = f.result() == null ? 0 : flat(f.result());
    boolean needMemory =
        paramsInMemory
            || resultInMemory
            || flatParams > MAX_FLAT_PARAMS
            || flatResults > MAX_FLAT_RESULTS;
    // Lifting, the callee allocates its parameters; lowering, the caller its results.
    boolean needRealloc = lift ? paramsInMemory || flatParams > MAX_FLAT_PARAMS : resultInMemory;
    if (needMemory && !memory) {
      throw Invalid.at(at, "canonical option `memory` is required");
    }
    if (needRealloc && !realloc) {
      throw Invalid.at(at, "canonical option `realloc` is required");
    }
  }

  private static void once(boolean seen, String name, long at) throws ComponentException {
    if (seen) {
      throw Invalid.at(at, "canonical option `" + name + "` is specified more than once");
    }
  }

  /** Whether values of {@code t} are strings or lists (which live in linear memory). */
  static boolean usesMemory(VType t) {
    t = VType.unwrap(t);
    if (t instanceof VType.Prim prim) {
      return prim.type() == PrimitiveType.STRING;
    }
    if (t instanceof VType.Value v) {
      if (v.def() instanceof DefType.ListDef) {
        return true;
      }
      for (VType c : v.children()) {
        if (c != null && usesMemory(c)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The number of core values {@code t} flattens to (CanonicalABI.md, flatten_type). */
  static int flat(VType t) {
    t = VType.unwrap(t);
    if (t instanceof VType.Prim prim) {
      return prim.type() == PrimitiveType.STRING ? 2 : 1;
    }
    if (!(t instanceof VType.Value)) {
      return 1;
    }
    var v = (VType.Value) t;
    DefType d = v.def();
    if (d instanceof DefType.ListDef) {
      return 2;
    }
    if (d instanceof DefType.FlagsDef def) {
      return (def.names().size() + 31) / 32;
    }
    if (d instanceof DefType.EnumDef) {
      return 1;
    }
    if (d instanceof DefType.RecordDef || d instanceof DefType.TupleDef) {
      int n = 0;
      for (VType c : v.children()) {
        n += flat(c);
      }
      return n;
    }
    int max = 0;
    for (VType c : v.children()) {
      max = Math.max(max, c == null ? 0 : flat(c));
    }
    return 1 + max;
  }
}
