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
    if (d instanceof DefType.PrimitiveDef def7) {
      return new VType.Prim(def7.type());
    } else if (d instanceof DefType.RecordDef r) {
      nonEmpty(r.fields().size(), "record type must have at least one field", at);
      List<VType> children = new ArrayList<>();
      List<String> labels = new ArrayList<>();
      for (var f : r.fields()) {
        labels.add(f.name());
        children.add(valType(f.type(), s, at));
      }
      labels(labels, "record field", "field", at);
      return new VType.Value(d, children);
    } else if (d instanceof DefType.VariantDef v) {
      nonEmpty(v.cases().size(), "variant type must have at least one case", at);
      List<VType> children = new ArrayList<>();
      List<String> labels = new ArrayList<>();
      for (var c : v.cases()) {
        labels.add(c.name());
        children.add(c.type() == null ? null : valType(c.type(), s, at));
      }
      labels(labels, "variant case", "case", at);
      return new VType.Value(d, children);
    } else if (d instanceof DefType.ListDef def6) {
      return new VType.Value(d, List.of(valType(def6.element(), s, at)));
    } else if (d instanceof DefType.TupleDef t) {
      nonEmpty(t.types().size(), "tuple type must have at least one type", at);
      List<VType> children = new ArrayList<>();
      for (TypeRef r : t.types()) {
        children.add(valType(r, s, at));
      }
      return new VType.Value(d, children);
    } else if (d instanceof DefType.FlagsDef def5) {
      List<String> names = def5.names();
      nonEmpty(names.size(), "flags must have at least one entry", at);
      if (names.size() > MAX_FLAGS) {
        throw Invalid.at(at, "cannot have more than " + MAX_FLAGS + " flags");
      }
      labels(names, "flag", "flag", at);
      return new VType.Value(d, List.of());
    } else if (d instanceof DefType.EnumDef def4) {
      List<String> names = def4.names();
      nonEmpty(names.size(), "enum type must have at least one variant", at);
      labels(names, "enum tag", "tag", at);
      return new VType.Value(d, List.of());
    } else if (d instanceof DefType.OptionDef def3) {
      return new VType.Value(d, List.of(valType(def3.type(), s, at)));
    } else if (d instanceof DefType.ResultDef r) {
      return new VType.Value(
          d,
          Arrays.asList(
              r.ok() == null ? null : valType(r.ok(), s, at),
              r.err() == null ? null : valType(r.err(), s, at)));
    } else if (d instanceof DefType.OwnDef def2) {
      return new VType.Handle(true, resource(def2.typeIndex(), s, at));
    } else if (d instanceof DefType.BorrowDef def1) {
      return new VType.Handle(false, resource(def1.typeIndex(), s, at));
    } else if (d instanceof DefType.FuncTypeDef def) {
      return func(def, s, at);
    } else if (d instanceof DefType.ResourceDef r) {
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
    throw new IllegalArgumentException("not evaluated here: " + d);
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
