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
   * Checks {@code actual}, passed as {@code name}, against import type {@code desc} in {@code f}.
   */
  static void checkArg(ExternDesc desc, Item actual, IndexSpaces f, String name, long at)
      throws ComponentException {
    String where = "type mismatch in import `" + name + "`";
    if (desc instanceof ExternDesc.FuncDesc funcDesc) {
      FuncType expected = TypeEvaluator.funcType(funcDesc.typeIndex(), f, at);
      func(expected, actual, where, at);
    } else if (desc instanceof ExternDesc.InstanceDesc instanceDesc) {
      Object t = IndexSpaces.at(f.types, instanceDesc.typeIndex(), "type", at);
      if (t instanceof TypeClosure closure) {
        instance(closure, actual, where, at);
      }
    } else if (desc instanceof ExternDesc.CoreModuleDesc moduleDesc) {
      if (!(actual instanceof Item.CoreModuleItem)) {
        throw Errors.invalid(at, where + ": expected core module, found " + actual.sortName());
      }
      Object t = IndexSpaces.at(f.coreTypes, moduleDesc.coreTypeIndex(), "core type", at);
      if (t instanceof CoreDefType.ModuleType type) {
        ModuleSubtyping.check(type, f.coreTypes, ((Item.CoreModuleItem) actual).module(), at);
      }
    } else if (desc instanceof ExternDesc.ComponentDesc) {
      if (!(actual instanceof Item.Component)) {
        throw Errors.invalid(at, where + ": expected component, found " + actual.sortName());
      }
    } else if (desc instanceof ExternDesc.TypeDesc typeDesc) {
      TypeBound b = typeDesc.bound();
      Object expected =
          b instanceof TypeBound.Eq e ? IndexSpaces.at(f.types, e.typeIndex(), "type", at) : null;
      type(expected, actual, where, at);
    }
  }

  private static void func(FuncType expected, Item actual, String where, long at)
      throws ComponentException {
    if (!(actual instanceof Item.Func)) {
      throw Errors.invalid(at, where + ": expected func, found " + actual.sortName());
    }
    FuncType found = ((Item.Func) actual).func().type();
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
  }

  /** {@code expected} is null for a {@code (sub resource)} bound. */
  private static void type(Object expected, Item actual, String where, long at)
      throws ComponentException {
    if (!(actual instanceof Item.Type)) {
      throw Errors.invalid(at, where + ": expected type, found " + actual.sortName());
    }
    Object found = ((Item.Type) actual).type();
    if (expected == null || expected instanceof ResourceType) {
      if (!(found instanceof ResourceType)) {
        throw Errors.invalid(at, where + ": expected resource, found defined type");
      }
      if (expected != null && expected != found) {
        throw Errors.invalid(at, where + ": resource types are not the same");
      }
      return;
    }
    if (found instanceof ResourceType) {
      throw Errors.invalid(at, where + ": expected defined type, found resource");
    }
    if (expected instanceof TypeClosure || found instanceof TypeClosure) {
      return;
    }
    if (!expected.equals(found)) {
      throw Errors.invalid(at, where + ": expected " + expected + ", found " + found);
    }
  }

  private static void instance(TypeClosure t, Item actual, String where, long at)
      throws ComponentException {
    if (!(actual instanceof Item.Instance)) {
      throw Errors.invalid(at, where + ": expected instance, found " + actual.sortName());
    }
    InstanceExports inst = ((Item.Instance) actual).instance();
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
  }
}
