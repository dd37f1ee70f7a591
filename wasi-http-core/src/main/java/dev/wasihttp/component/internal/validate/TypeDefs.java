package dev.wasihttp.component.internal.validate;

import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.component.internal.binary.CoreValType;
import dev.wasihttp.component.internal.binary.DefType;
import dev.wasihttp.component.internal.binary.Sort;
import dev.wasihttp.component.internal.binary.TypeRef;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Validation of type definitions (Binary.md, "Type Definitions", and Explainer.md, "Type
 * definitions"): records, variants, tuples, flags and enums are non-empty with unique kebab-case
 * labels, flags number at most 32, {@code own} and {@code borrow} take resource types, a function
 * result contains no {@code borrow}, and value types appear where a value type is required.
 */
final class TypeDefs {
  static final int MAX_FLAGS = 32;

  private TypeDefs() {}

  /** Evaluates a value-type definition, a function type or a handle; others are the caller's. */
  static VType eval(DefType d, Scope s, long at) throws ComponentException {
    return switch (d.kind()) {
      case PRIMITIVE -> new VType.Prim(((DefType.PrimitiveDef) d).type());
      case RECORD -> {
        DefType.RecordDef r = (DefType.RecordDef) d;
        nonEmpty(r.fields().size(), "record type must have at least one field", at);
        List<VType> children = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (var f : r.fields()) {
          labels.add(f.name());
          children.add(valType(f.type(), s, at));
        }
        labels(labels, "record field", "field", at);
        yield new VType.Value(d, children);
      }
      case VARIANT -> {
        DefType.VariantDef v = (DefType.VariantDef) d;
        nonEmpty(v.cases().size(), "variant type must have at least one case", at);
        List<VType> children = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (var c : v.cases()) {
          labels.add(c.name());
          children.add(c.type() == null ? null : valType(c.type(), s, at));
        }
        labels(labels, "variant case", "case", at);
        yield new VType.Value(d, children);
      }
      case LIST -> new VType.Value(d, List.of(valType(((DefType.ListDef) d).element(), s, at)));
      case TUPLE -> {
        DefType.TupleDef t = (DefType.TupleDef) d;
        nonEmpty(t.types().size(), "tuple type must have at least one type", at);
        List<VType> children = new ArrayList<>();
        for (TypeRef r : t.types()) {
          children.add(valType(r, s, at));
        }
        yield new VType.Value(d, children);
      }
      case FLAGS -> {
        List<String> names = ((DefType.FlagsDef) d).names();
        nonEmpty(names.size(), "flags must have at least one entry", at);
        if (names.size() > MAX_FLAGS) {
          throw Invalid.at(at, "cannot have more than " + MAX_FLAGS + " flags");
        }
        labels(names, "flag", "flag", at);
        yield new VType.Value(d, List.of());
      }
      case ENUM -> {
        List<String> names = ((DefType.EnumDef) d).names();
        nonEmpty(names.size(), "enum type must have at least one variant", at);
        labels(names, "enum tag", "tag", at);
        yield new VType.Value(d, List.of());
      }
      case OPTION -> new VType.Value(d, List.of(valType(((DefType.OptionDef) d).type(), s, at)));
      case RESULT -> {
        DefType.ResultDef r = (DefType.ResultDef) d;
        yield new VType.Value(
            d,
            Arrays.asList(
                r.ok() == null ? null : valType(r.ok(), s, at),
                r.err() == null ? null : valType(r.err(), s, at)));
      }
      case OWN -> new VType.Handle(true, resource(((DefType.OwnDef) d).typeIndex(), s, at));
      case BORROW -> new VType.Handle(false, resource(((DefType.BorrowDef) d).typeIndex(), s, at));
      case FUNC -> func((DefType.FuncTypeDef) d, s, at);
      case RESOURCE -> resourceDef((DefType.ResourceDef) d, s, at);
      case COMPONENT, INSTANCE -> throw new IllegalArgumentException("not evaluated here: " + d);
    };
  }

  /** {@code (resource (rep i32) (dtor f)?)}, only in a concrete component. */
  private static VType resourceDef(DefType.ResourceDef r, Scope s, long at)
      throws ComponentException {
    if (s.kind != Scope.Kind.COMPONENT) {
      throw Invalid.at(at, "resources can only be defined within a concrete component");
    }
    if (r.rep() != CoreValType.I32) {
      throw Invalid.at(at, "resources can only be represented by `i32`");
    }
    if (r.destructorCoreFuncIndex() != null) {
      s.check(Sort.CORE_FUNC, r.destructorCoreFuncIndex(), at);
    }
    VType.Resource res = new VType.Resource("resource");
    s.local.add(res);
    return res;
  }

  private static VType func(DefType.FuncTypeDef ft, Scope s, long at) throws ComponentException {
    List<String> names = new ArrayList<>();
    List<VType> params = new ArrayList<>();
    for (var p : ft.params()) {
      names.add(p.name());
      params.add(valType(p.type(), s, at));
    }
    labels(names, "function parameter", "parameter", at);
    VType result = ft.result() == null ? null : valType(ft.result(), s, at);
    if (result != null && VType.hasBorrow(result)) {
      throw Invalid.at(at, "function result cannot contain a `borrow` type");
    }
    return new VType.Func(names, params, result);
  }

  static VType valType(TypeRef r, Scope s, long at) throws ComponentException {
    if (r instanceof TypeRef.Primitive primitive) {
      return new VType.Prim(primitive.type());
    }
    int i = ((TypeRef.Index) r).index();
    VType t = s.type(i, at);
    if (!VType.isValue(t)) {
      throw Invalid.at(
          at, "type index " + Integer.toUnsignedString(i) + " is not a defined value type");
    }
    return t;
  }

  private static VType resource(int index, Scope s, long at) throws ComponentException {
    VType t = s.type(index, at);
    if (!(VType.unwrap(t) instanceof VType.Resource || t instanceof VType.Unknown)) {
      throw Invalid.at(
          at, "type index " + Integer.toUnsignedString(index) + " is not a resource type");
    }
    return t;
  }

  private static void nonEmpty(int n, String message, long at) throws ComponentException {
    if (n == 0) {
      throw Invalid.at(at, message);
    }
  }

  /** Labels are kebab case and unique ignoring case. */
  private static void labels(List<String> labels, String what, String noun, long at)
      throws ComponentException {
    Map<String, String> seen = new HashMap<>();
    for (String l : labels) {
      ExternNames.checkLabel(l, what, at);
      String prev = seen.putIfAbsent(ExternNames.lower(l), l);
      if (prev != null) {
        throw Invalid.at(
            at,
            what + " name `" + l + "` conflicts with previous " + noun + " name `" + prev + "`");
      }
    }
  }
}
