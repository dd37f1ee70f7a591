package dev.wasihttp.component.internal.link;

import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.component.internal.binary.CoreDefType;
import dev.wasihttp.component.internal.binary.DefType;
import dev.wasihttp.component.internal.binary.ExternDesc;
import dev.wasihttp.component.internal.binary.TypeBound;
import dev.wasihttp.component.types.FuncType;
import dev.wasihttp.component.types.ResourceType;
import java.util.Map;

/**
 * Checks an instantiation argument against the type of the import it satisfies (Explainer.md,
 * "Instance definitions"; the subtyping of Binary.md's notes on {@code instantiate}). Value and
 * function types must be equal; resource types must be the same resource; an instance must export
 * at least what its instance type declares, each export matching, with the type's {@code (sub
 * resource)} exports bound to the argument's resources.
 */
final class Subtyping {
  private Subtyping() {}

  /**
   * Checks {@code actual}, passed as {@code name}, against import type {@code desc} in {@code f};
   * returns {@code actual}. Value imports are not checked (0.2 has none).
   */
  static Item checkArg(ExternDesc desc, Item actual, IndexSpaces f, String name, long at)
      throws ComponentException {
    String where = "type mismatch in import `" + name + "`";
    return switch (desc.kind()) {
      case FUNC ->
          func(
              TypeEvaluator.funcType(((ExternDesc.FuncDesc) desc).typeIndex(), f, at),
              actual,
              where,
              at);
      case INSTANCE -> {
        int i = ((ExternDesc.InstanceDesc) desc).typeIndex();
        yield IndexSpaces.at(f.types, i, "type", at) instanceof TypeClosure closure
            ? instance(closure, actual, where, at)
            : actual;
      }
      case CORE_MODULE -> {
        if (!(actual instanceof Item.CoreModuleItem module)) {
          throw Errors.invalid(at, where + ": expected core module, found " + actual.sortName());
        }
        int i = ((ExternDesc.CoreModuleDesc) desc).coreTypeIndex();
        if (IndexSpaces.at(f.coreTypes, i, "core type", at) instanceof CoreDefType.ModuleType t) {
          ModuleSubtyping.check(t, f.coreTypes, module.module(), at);
        }
        yield actual;
      }
      case COMPONENT -> {
        if (!(actual instanceof Item.Component)) {
          throw Errors.invalid(at, where + ": expected component, found " + actual.sortName());
        }
        yield actual;
      }
      case TYPE -> {
        TypeBound b = ((ExternDesc.TypeDesc) desc).bound();
        Object expected =
            b instanceof TypeBound.Eq e ? IndexSpaces.at(f.types, e.typeIndex(), "type", at) : null;
        yield type(expected, actual, where, at);
      }
      case VALUE, VALUE_EQ -> actual;
    };
  }

  private static Item func(FuncType expected, Item actual, String where, long at)
      throws ComponentException {
    if (!(actual instanceof Item.Func func)) {
      throw Errors.invalid(at, where + ": expected func, found " + actual.sortName());
    }
    FuncType found = func.func().type();
    if (!expected.equals(found)) {
      throw Errors.invalid(
          at,
          where
              + ": expected "
              + expected
              + ", found "
              + found
              + " (function types differ, or resource types are not the same)");
    }
    return actual;
  }

  /** {@code expected} is null for a {@code (sub resource)} bound. */
  private static Item type(Object expected, Item actual, String where, long at)
      throws ComponentException {
    if (!(actual instanceof Item.Type type)) {
      throw Errors.invalid(at, where + ": expected type, found " + actual.sortName());
    }
    Object found = type.type();
    if (expected == null || expected instanceof ResourceType) {
      if (!(found instanceof ResourceType)) {
        throw Errors.invalid(at, where + ": expected resource, found defined type");
      }
      if (expected != null && expected != found) {
        throw Errors.invalid(at, where + ": resource types are not the same");
      }
      return actual;
    }
    if (found instanceof ResourceType) {
      throw Errors.invalid(at, where + ": expected defined type, found resource");
    }
    if (expected instanceof TypeClosure || found instanceof TypeClosure) {
      return actual;
    }
    if (!expected.equals(found)) {
      throw Errors.invalid(at, where + ": expected " + expected + ", found " + found);
    }
    return actual;
  }

  private static Item instance(TypeClosure t, Item actual, String where, long at)
      throws ComponentException {
    if (!(actual instanceof Item.Instance instanceItem)) {
      throw Errors.invalid(at, where + ": expected instance, found " + actual.sortName());
    }
    InstanceExports inst = instanceItem.instance();
    Map<String, Object> expected =
        TypeEvaluator.instanceExports(
            t,
            resource -> {
              Item it = inst.export(resource);
              Object found = it instanceof Item.Type t1 ? t1.type() : null;
              // A fresh type never equals anything: a missing or non-resource export fails below.
              return found instanceof ResourceType rt ? rt : ResourceType.guest(resource);
            },
            at);
    for (Map.Entry<String, Object> e : expected.entrySet()) {
      Item found = inst.export(e.getKey());
      String in = where + ", instance export `" + e.getKey() + "`";
      if (found == null) {
        throw Errors.invalid(at, where + ": missing expected export `" + e.getKey() + "`");
      }
      Object et = e.getValue();
      if (et instanceof FuncType type) {
        func(type, found, in, at);
      } else if (et instanceof TypeClosure closure) {
        if (closure.definition() instanceof DefType.InstanceTypeDef) {
          instance(closure, found, in, at);
        } else if (!(found instanceof Item.Component)) {
          throw Errors.invalid(at, in + ": expected component, found " + found.sortName());
        }
      } else {
        type(et, found, in, at);
      }
    }
    return actual;
  }
}
