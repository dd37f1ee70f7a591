package dev.wasihttp.component.internal.link;

import dev.wasihttp.component.ComponentException;
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
 * Turns type definitions into types, in the index space of a frame. Resource definitions are
 * generative: each evaluation makes a new {@link ResourceType} (Explainer, "Resource types").
 */
final class TypeEvaluator {
  private TypeEvaluator() {}

  /** Evaluates a {@code deftype}: a value type, a function type, a resource or a closure. */
  static Object eval(DefType d, Frame f, long offset) throws ComponentException {
    if (d instanceof DefType.PrimitiveDef) {
      return ((DefType.PrimitiveDef) d).type();
    } else if (d instanceof DefType.RecordDef) {
      List<RecordType.Field> fields = new ArrayList<>();
      for (var nr : ((DefType.RecordDef) d).fields()) {
        fields.add(new RecordType.Field(nr.name(), valType(nr.type(), f, offset)));
      }
      return new RecordType(fields);
    } else if (d instanceof DefType.VariantDef) {
      List<VariantType.Case> cases = new ArrayList<>();
      for (var c : ((DefType.VariantDef) d).cases()) {
        cases.add(new VariantType.Case(c.name(), c.type() == null ? null : valType(c.type(), f, offset)));
      }
      return new VariantType(cases);
    } else if (d instanceof DefType.ListDef) {
      return new ListType(valType(((DefType.ListDef) d).element(), f, offset));
    } else if (d instanceof DefType.TupleDef) {
      List<ValType> ts = new ArrayList<>();
      for (TypeRef r : ((DefType.TupleDef) d).types()) {
        ts.add(valType(r, f, offset));
      }
      return new TupleType(ts);
    } else if (d instanceof DefType.FlagsDef) {
      return new FlagsType(((DefType.FlagsDef) d).names());
    } else if (d instanceof DefType.EnumDef) {
      return new EnumType(((DefType.EnumDef) d).names());
    } else if (d instanceof DefType.OptionDef) {
      return new OptionType(valType(((DefType.OptionDef) d).type(), f, offset));
    } else if (d instanceof DefType.ResultDef) {
      var r = (DefType.ResultDef) d;
      return new ResultType(
          r.ok() == null ? null : valType(r.ok(), f, offset),
          r.err() == null ? null : valType(r.err(), f, offset));
    } else if (d instanceof DefType.OwnDef) {
      return new OwnType(resource(((DefType.OwnDef) d).typeIndex(), f, offset));
    } else if (d instanceof DefType.BorrowDef) {
      return new BorrowType(resource(((DefType.BorrowDef) d).typeIndex(), f, offset));
    } else if (d instanceof DefType.FuncTypeDef) {
      var ft = (DefType.FuncTypeDef) d;
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

  static ValType valType(TypeRef r, Frame f, long offset) throws ComponentException {
    if (r instanceof TypeRef.Primitive) {
      return ((TypeRef.Primitive) r).type();
    }
    int i = ((TypeRef.Index) r).index();
    Object t = Frame.at(f.types, i, "type", offset);
    if (!(t instanceof ValType)) {
      throw Errors.invalid(offset, "type index " + i + " is not a defined value type");
    }
    return (ValType) t;
  }

  static ResourceType resource(int index, Frame f, long offset) throws ComponentException {
    Object t = Frame.at(f.types, index, "type", offset);
    if (!(t instanceof ResourceType)) {
      throw Errors.invalid(offset, "type index " + index + " is not a resource type");
    }
    return (ResourceType) t;
  }

  static FuncType funcType(int index, Frame f, long offset) throws ComponentException {
    Object t = Frame.at(f.types, index, "type", offset);
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
    Frame scope = new Frame(closure.scope(), null);
    Map<String, Object> out = new LinkedHashMap<>();
    for (Decl decl : ((DefType.InstanceTypeDef) closure.definition()).decls()) {
      if (decl instanceof Decl.CoreTypeDecl) {
        scope.coreTypes.add(((Decl.CoreTypeDecl) decl).type());
      } else if (decl instanceof Decl.TypeDecl) {
        DefType d = ((Decl.TypeDecl) decl).type();
        if (d instanceof DefType.ResourceDef) {
          throw Errors.invalid(offset, "resource definitions are not allowed in type declarations");
        }
        scope.types.add(eval(d, scope, offset));
      } else if (decl instanceof Decl.AliasDecl) {
        var a = (Decl.AliasDecl) decl;
        if (!(a.target() instanceof AliasTarget.Outer)) {
          throw Errors.invalid(offset, "only outer aliases are allowed in type declarations");
        }
        var o = (AliasTarget.Outer) a.target();
        Frame outer = scope.outer(o.count(), offset);
        if (a.sort() == Sort.TYPE) {
          scope.types.add(Frame.at(outer.types, o.index(), "type", offset));
        } else if (a.sort() == Sort.CORE_TYPE) {
          scope.coreTypes.add(Frame.at(outer.coreTypes, o.index(), "core type", offset));
        } else {
          throw Errors.invalid(offset, "outer alias of sort " + a.sort() + " in a type declaration");
        }
      } else if (decl instanceof Decl.ExportDecl) {
        var e = (Decl.ExportDecl) decl;
        String name = e.name().name();
        ExternDesc desc = e.desc();
        if (desc instanceof ExternDesc.TypeDesc) {
          TypeBound b = ((ExternDesc.TypeDesc) desc).bound();
          Object t;
          if (b instanceof TypeBound.SubResource) {
            t = binder.apply(name);
          } else {
            t = Frame.at(scope.types, ((TypeBound.Eq) b).typeIndex(), "type", offset);
          }
          scope.types.add(t);
          out.put(name, t);
        } else if (desc instanceof ExternDesc.FuncDesc) {
          out.put(name, funcType(((ExternDesc.FuncDesc) desc).typeIndex(), scope, offset));
        } else if (desc instanceof ExternDesc.InstanceDesc) {
          out.put(name, Frame.at(scope.types, ((ExternDesc.InstanceDesc) desc).typeIndex(), "type", offset));
        } else if (desc instanceof ExternDesc.ComponentDesc) {
          out.put(name, Frame.at(scope.types, ((ExternDesc.ComponentDesc) desc).typeIndex(), "type", offset));
        }
      } else {
        throw Errors.invalid(offset, "imports are not allowed in an instance type");
      }
    }
    return out;
  }
}
