package dev.wasihttp.component.internal.link;

import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.component.internal.binary.AliasTarget;
import dev.wasihttp.component.internal.binary.Decl;
import dev.wasihttp.component.internal.binary.DefType;
import dev.wasihttp.component.internal.binary.ExternDesc;
import dev.wasihttp.component.internal.binary.Sort;
import dev.wasihttp.component.internal.binary.TypeBound;
import dev.wasihttp.component.internal.binary.TypeRef;
import dev.wasihttp.component.types.BorrowType;
import dev.wasihttp.component.types.EnumType;
import dev.wasihttp.component.types.FlagsType;
import dev.wasihttp.component.types.FuncType;
import dev.wasihttp.component.types.ListType;
import dev.wasihttp.component.types.OptionType;
import dev.wasihttp.component.types.OwnType;
import dev.wasihttp.component.types.RecordType;
import dev.wasihttp.component.types.ResourceType;
import dev.wasihttp.component.types.ResultType;
import dev.wasihttp.component.types.TupleType;
import dev.wasihttp.component.types.ValType;
import dev.wasihttp.component.types.VariantType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns type definitions into types, in the index spaces of one component. Resource definitions are
 * generative: each evaluation makes a new {@link ResourceType} (Explainer, "Resource types").
 */
final class TypeEvaluator {
  private TypeEvaluator() {}

  /** Evaluates a {@code deftype}: a value type, a function type, a resource or a closure. */
  static Object eval(DefType d, IndexSpaces f, long offset) throws ComponentException {
    if (d instanceof DefType.PrimitiveDef def9) {
      return def9.type();
    } else if (d instanceof DefType.RecordDef def8) {
      List<RecordType.Field> fields = new ArrayList<>();
      for (var nr : def8.fields()) {
        fields.add(new RecordType.Field(nr.name(), valType(nr.type(), f, offset)));
      }
      return new RecordType(fields);
    } else if (d instanceof DefType.VariantDef def7) {
      List<VariantType.Case> cases = new ArrayList<>();
      for (var c : def7.cases()) {
        cases.add(
            new VariantType.Case(c.name(), c.type() == null ? null : valType(c.type(), f, offset)));
      }
      return new VariantType(cases);
    } else if (d instanceof DefType.ListDef def6) {
      return new ListType(valType(def6.element(), f, offset));
    } else if (d instanceof DefType.TupleDef def5) {
      List<ValType> ts = new ArrayList<>();
      for (TypeRef r : def5.types()) {
        ts.add(valType(r, f, offset));
      }
      return new TupleType(ts);
    } else if (d instanceof DefType.FlagsDef def4) {
      return new FlagsType(def4.names());
    } else if (d instanceof DefType.EnumDef def3) {
      return new EnumType(def3.names());
    } else if (d instanceof DefType.OptionDef def2) {
      return new OptionType(valType(def2.type(), f, offset));
    } else if (d instanceof DefType.ResultDef r) {
      return new ResultType(
          r.ok() == null ? null : valType(r.ok(), f, offset),
          r.err() == null ? null : valType(r.err(), f, offset));
    } else if (d instanceof DefType.OwnDef def1) {
      return new OwnType(resource(def1.typeIndex(), f, offset));
    } else if (d instanceof DefType.BorrowDef def) {
      return new BorrowType(resource(def.typeIndex(), f, offset));
    } else if (d instanceof DefType.FuncTypeDef ft) {
      List<FuncType.Param> ps = new ArrayList<>();
      for (var p : ft.params()) {
        ps.add(new FuncType.Param(p.name(), valType(p.type(), f, offset)));
      }
      return new FuncType(ps, ft.result() == null ? null : valType(ft.result(), f, offset));
    } else if (d instanceof DefType.ComponentTypeDef || d instanceof DefType.InstanceTypeDef) {
      return new TypeClosure(d, f);
    } else if (d instanceof DefType.ResourceDef) {
      throw new IllegalStateException("resource definitions are evaluated by the instantiator");
    }
    throw Errors.invalid(offset, "unsupported type definition " + d);
  }

  static ValType valType(TypeRef r, IndexSpaces f, long offset) throws ComponentException {
    if (r instanceof TypeRef.Primitive primitive) {
      return primitive.type();
    }
    int i = ((TypeRef.Index) r).index();
    Object t = IndexSpaces.at(f.types, i, "type", offset);
    if (!(t instanceof ValType)) {
      throw Errors.invalid(offset, "type index " + i + " is not a defined value type");
    }
    return (ValType) t;
  }

  static ResourceType resource(int index, IndexSpaces f, long offset) throws ComponentException {
    Object t = IndexSpaces.at(f.types, index, "type", offset);
    if (!(t instanceof ResourceType)) {
      throw Errors.invalid(offset, "type index " + index + " is not a resource type");
    }
    return (ResourceType) t;
  }

  static FuncType funcType(int index, IndexSpaces f, long offset) throws ComponentException {
    Object t = IndexSpaces.at(f.types, index, "type", offset);
    if (!(t instanceof FuncType)) {
      throw Errors.invalid(offset, "type index " + index + " is not a function type");
    }
    return (FuncType) t;
  }

  /**
   * Evaluates the exports of an instance type, binding each {@code (sub resource)} export to the
   * resource type {@code binder} supplies for its name. Returns export name to type (a {@link
   * FuncType}, {@link ResourceType}, value type or {@link TypeClosure}).
   */
  static Map<String, Object> instanceExports(
      TypeClosure closure, Function<String, ResourceType> binder, long offset)
      throws ComponentException {
    if (!(closure.definition() instanceof DefType.InstanceTypeDef)) {
      throw Errors.invalid(offset, "expected an instance type");
    }
    IndexSpaces scope = new IndexSpaces(closure.scope(), null);
    Map<String, Object> out = new LinkedHashMap<>();
    for (Decl decl : ((DefType.InstanceTypeDef) closure.definition()).decls()) {
      if (decl instanceof Decl.CoreTypeDecl typeDecl1) {
        scope.coreTypes.add(typeDecl1.type());
      } else if (decl instanceof Decl.TypeDecl typeDecl) {
        DefType d = typeDecl.type();
        if (d instanceof DefType.ResourceDef) {
          throw Errors.invalid(offset, "resource definitions are not allowed in type declarations");
        }
        scope.types.add(eval(d, scope, offset));
      } else if (decl instanceof Decl.AliasDecl a) {
        if (!(a.target() instanceof AliasTarget.Outer)) {
          throw Errors.invalid(offset, "only outer aliases are allowed in type declarations");
        }
        var o = (AliasTarget.Outer) a.target();
        IndexSpaces outer = scope.outer(o.count(), offset);
        if (a.sort() == Sort.TYPE) {
          scope.types.add(IndexSpaces.at(outer.types, o.index(), "type", offset));
        } else if (a.sort() == Sort.CORE_TYPE) {
          scope.coreTypes.add(IndexSpaces.at(outer.coreTypes, o.index(), "core type", offset));
        } else {
          throw Errors.invalid(
              offset, "outer alias of sort " + a.sort() + " in a type declaration");
        }
      } else if (decl instanceof Decl.ExportDecl e) {
        String name = e.name().name();
        ExternDesc desc = e.desc();
        if (desc instanceof ExternDesc.TypeDesc typeDesc) {
          TypeBound b = typeDesc.bound();
          Object t;
          if (b instanceof TypeBound.SubResource) {
            t = binder.apply(name);
          } else {
            t = IndexSpaces.at(scope.types, ((TypeBound.Eq) b).typeIndex(), "type", offset);
          }
          scope.types.add(t);
          out.put(name, t);
        } else if (desc instanceof ExternDesc.FuncDesc funcDesc) {
          out.put(name, funcType(funcDesc.typeIndex(), scope, offset));
        } else if (desc instanceof ExternDesc.InstanceDesc instanceDesc) {
          out.put(name, IndexSpaces.at(scope.types, instanceDesc.typeIndex(), "type", offset));
        } else if (desc instanceof ExternDesc.ComponentDesc componentDesc) {
          out.put(name, IndexSpaces.at(scope.types, componentDesc.typeIndex(), "type", offset));
        }
      } else {
        throw Errors.invalid(offset, "imports are not allowed in an instance type");
      }
    }
    return out;
  }
}
