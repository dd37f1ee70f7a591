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

  static Void define(Canon c, Scope s, long at) throws ComponentException {
    return switch (c.kind()) {
      case LIFT -> {
        Canon.Lift lift = (Canon.Lift) c;
        s.check(Sort.CORE_FUNC, lift.coreFuncIndex(), at);
        VType t = s.type(lift.typeIndex(), at);
        if (!(VType.unwrap(t) instanceof VType.Func || t instanceof VType.Unknown)) {
          throw Invalid.at(at, "type index " + lift.typeIndex() + " is not a function type");
        }
        options(lift.options(), t, true, s, at);
        yield Scope.append(s.funcs, t);
      }
      case LOWER -> {
        Canon.Lower lower = (Canon.Lower) c;
        VType t = s.item(Sort.FUNC, lower.funcIndex(), at);
        options(lower.options(), t, false, s, at);
        yield s.add(Sort.CORE_FUNC);
      }
      case RESOURCE_NEW -> resource(((Canon.ResourceNew) c).typeIndex(), true, s, at);
      case RESOURCE_REP -> resource(((Canon.ResourceRep) c).typeIndex(), true, s, at);
      case RESOURCE_DROP -> resource(((Canon.ResourceDrop) c).typeIndex(), false, s, at);
    };
  }

  /**
   * {@code resource.new}, {@code resource.rep} ({@code local}: of a resource this component
   * defines) and {@code resource.drop}.
   */
  private static Void resource(int index, boolean local, Scope s, long at)
      throws ComponentException {
    VType t = VType.unwrap(s.type(index, at));
    if (!(t instanceof VType.Resource || t instanceof VType.Unknown)) {
      throw Invalid.at(at, "type index " + index + " is not a resource type");
    }
    if (local && t instanceof VType.Resource && !s.local.contains(t)) {
      throw Invalid.at(at, "type index " + index + " is not a local resource");
    }
    return s.add(Sort.CORE_FUNC);
  }

  /** The options given so far: each at most once. */
  private record Given(String encoding, boolean memory, boolean realloc, boolean postReturn) {}

  private static void options(List<CanonOpt> opts, VType type, boolean lift, Scope s, long at)
      throws ComponentException {
    Given g = new Given(null, false, false, false);
    for (CanonOpt o : opts) {
      g =
          switch (o.kind()) {
            case STRING_ENCODING -> {
              String e =
                  ((CanonOpt.StringEncodingOpt) o)
                      .encoding()
                      .name()
                      .toLowerCase(Locale.ROOT)
                      .replace('_', '-');
              if (g.encoding() != null) {
                throw Invalid.at(
                    at,
                    "canonical encoding option `"
                        + g.encoding()
                        + "` conflicts with option `"
                        + e
                        + "`");
              }
              yield new Given(e, g.memory(), g.realloc(), g.postReturn());
            }
            case MEMORY -> {
              once(g.memory(), "memory", at);
              s.check(Sort.CORE_MEMORY, ((CanonOpt.MemoryOpt) o).coreMemoryIndex(), at);
              yield new Given(g.encoding(), true, g.realloc(), g.postReturn());
            }
            case REALLOC -> {
              once(g.realloc(), "realloc", at);
              s.check(Sort.CORE_FUNC, ((CanonOpt.ReallocOpt) o).coreFuncIndex(), at);
              yield new Given(g.encoding(), g.memory(), true, g.postReturn());
            }
            case POST_RETURN -> {
              once(g.postReturn(), "post-return", at);
              if (!lift) {
                throw Invalid.at(
                    at, "canonical option `post-return` cannot be specified for lowerings");
              }
              s.check(Sort.CORE_FUNC, ((CanonOpt.PostReturnOpt) o).coreFuncIndex(), at);
              yield new Given(g.encoding(), g.memory(), g.realloc(), true);
            }
          };
    }
    boolean memory = g.memory();
    boolean realloc = g.realloc();
    if (realloc && !memory) {
      throw Invalid.at(at, "canonical option `realloc` requires `memory` to also be specified");
    }
    if (!(VType.unwrap(type) instanceof VType.Func f)) {
      return;
    }
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
    if (!(t instanceof VType.Value v)) {
      return false;
    }
    if (v.def().kind() == DefType.Kind.LIST) {
      return true;
    }
    for (VType c : v.children()) {
      if (c != null && usesMemory(c)) {
        return true;
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
    if (!(t instanceof VType.Value v)) {
      return 1;
    }
    return switch (v.def().kind()) {
      case LIST -> 2;
      case FLAGS -> (((DefType.FlagsDef) v.def()).names().size() + 31) / 32;
      case ENUM -> 1;
      case RECORD, TUPLE -> {
        int n = 0;
        for (VType c : v.children()) {
          n += flat(c);
        }
        yield n;
      }
      case VARIANT, OPTION, RESULT -> {
        int max = 0;
        for (VType c : v.children()) {
          max = Math.max(max, c == null ? 0 : flat(c));
        }
        yield 1 + max;
      }
      // Not the definition of a VType.Value: primitives are Prim, handles Handle.
      case PRIMITIVE, OWN, BORROW, FUNC, COMPONENT, INSTANCE, RESOURCE -> 1;
    };
  }
}
