package dev.wasihttp.component.internal.validate;

import dev.wasihttp.component.errors.ComponentException;

/**
 * An export's ascribed type must be a supertype of the exported item's type (Binary.md, export
 * notes): an instance may be seen with fewer exports, never more; a function keeps its parameters;
 * only a resource can be seen as {@code (sub resource)}. What is not known statically passes.
 */
final class Ascription {
  private Ascription() {}

  static void check(VType.Extern ascribed, VType actual, long at) throws ComponentException {
    VType want = VType.unwrap(ascribed.type());
    VType have = VType.unwrap(actual);
    if (have instanceof VType.Unknown || want instanceof VType.Unknown) {
      return;
    }
    if (want instanceof VType.Instance instance && have instanceof VType.Instance instance1) {
      for (String name : instance.exports().keySet()) {
        VType.Extern e = instance1.exports().get(name);
        VType.Extern w = instance.exports().get(name);
        if (e == null || e.sort() != w.sort()) {
          throw incompatible(
              "the instance has no " + w.sort().text() + " export `" + name + "`", at);
        }
      }
    } else if (want instanceof VType.Func func && have instanceof VType.Func func1) {
      if (!func.names().equals(func1.names())) {
        throw incompatible("parameter names differ", at);
      }
      if ((func.result() == null) != (func1.result() == null)) {
        throw incompatible("one function has a result and the other none", at);
      }
    } else if (want instanceof VType.Resource && !(have instanceof VType.Resource)) {
      throw incompatible("only a resource can be exported as a (sub resource)", at);
    }
  }

  private static ComponentException incompatible(String why, long at) {
    return Invalid.at(at, "ascribed type of export is not compatible: " + why);
  }
}
