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
    return switch (d.kind()) {
      case PRIMITIVE -> ((DefType.PrimitiveDef) d).type();
      case RECORD -> {
        List<RecordType.Field> fields = new ArrayList<>();
        for (var nr : ((DefType.RecordDef) d).fields()) {
          fields.add(new RecordType.Field(nr.name(), valType(nr.type(), f, offset)));
        }
        yield new RecordType(fields);
      }
      case VARIANT -> {
        List<VariantType.Case> cases = new ArrayList<>();
        for (var c : ((DefType.VariantDef) d).cases()) {
          cases.add(
              new VariantType.Case(
                  c.name(), c.type() == null ? null : valType(c.type(), f, offset)));
        }
        yield new VariantType(cases);
      }
      case LIST -> new ListType(valType(((DefType.ListDef) d).element(), f, offset));
      case TUPLE -> {
        List<ValType> ts = new ArrayList<>();
        for (TypeRef r : ((DefType.TupleDef) d).types()) {
          ts.add(valType(r, f, offset));
        }
        yield new TupleType(ts);
      }
      case FLAGS -> new FlagsType(((DefType.FlagsDef) d).names());
      case ENUM -> new EnumType(((DefType.EnumDef) d).names());
      case OPTION -> new OptionType(valType(((DefType.OptionDef) d).type(), f, offset));
      case RESULT -> {
        DefType.ResultDef r = (DefType.ResultDef) d;
        yield new ResultType(
            r.ok() == null ? null : valType(r.ok(), f, offset),
            r.err() == null ? null : valType(r.err(), f, offset));
      }
      case OWN -> new OwnType(resource(((DefType.OwnDef) d).typeIndex(), f, offset));
      case BORROW -> new BorrowType(resource(((DefType.BorrowDef) d).typeIndex(), f, offset));
      case FUNC -> {
        DefType.FuncTypeDef ft = (DefType.FuncTypeDef) d;
        List<FuncType.Param> ps = new ArrayList<>();
        for (var p : ft.params()) {
          ps.add(new FuncType.Param(p.name(), valType(p.type(), f, offset)));
        }
        yield new FuncType(ps, ft.result() == null ? null : valType(ft.result(), f, offset));
      }
      case COMPONENT, INSTANCE -> new TypeClosure(d, f);
      case RESOURCE ->
          throw new IllegalStateException("resource definitions are evaluated by the instantiator");
    };
  }

  static ValType valType(TypeRef r, IndexSpaces f, long offset) throws ComponentException {
    if (r instanceof TypeRef.Primitive primitive) {
      return primitive.type();
    }
    int i = ((TypeRef.Index) r).index();
    Object t = IndexSpaces.at(f.types, i, "type", offset);
    if (!(t instanceof ValType v)) {
      throw Errors.invalid(offset, "type index " + i + " is not a defined value type");
    }
    return v;
  }

  static ResourceType resource(int index, IndexSpaces f, long offset) throws ComponentException {
    Object t = IndexSpaces.at(f.types, index, "type", offset);
    if (!(t instanceof ResourceType rt)) {
      throw Errors.invalid(offset, "type index " + index + " is not a resource type");
    }
    return rt;
  }

  static FuncType funcType(int index, IndexSpaces f, long offset) throws ComponentException {
    Object t = IndexSpaces.at(f.types, index, "type", offset);
    if (!(t instanceof FuncType ft)) {
      throw Errors.invalid(offset, "type index " + index + " is not a function type");
    }
    return ft;
  }

  /**
   * Evaluates the exports of an instance type, binding each {@code (sub resource)} export to the
   * resource type {@code binder} supplies for its name. Returns export name to type (a {@link
   * FuncType}, {@link ResourceType}, value type or {@link TypeClosure}).
   */
  static Map<String, Object> instanceExports(
      TypeClosure closure, Function<String, ResourceType> binder, long offset)
      throws ComponentException {
    if (!(closure.definition() instanceof DefType.InstanceTypeDef instanceType)) {
      throw Errors.invalid(offset, "expected an instance type");
    }
    IndexSpaces scope = new IndexSpaces(closure.scope(), null);
    Map<String, Object> out = new LinkedHashMap<>();
    for (Decl decl : instanceType.decls()) {
      if (decl instanceof Decl.CoreTypeDecl typeDecl1) {
        scope.coreTypes.add(typeDecl1.type());
      } else if (decl instanceof Decl.TypeDecl typeDecl) {
        DefType d = typeDecl.type();
        if (d instanceof DefType.ResourceDef) {
          throw Errors.invalid(offset, "resource definitions are not allowed in type declarations");
        }
        scope.types.add(eval(d, scope, offset));
      } else if (decl instanceof Decl.AliasDecl a) {
        if (!(a.target() instanceof AliasTarget.Outer o)) {
          throw Errors.invalid(offset, "only outer aliases are allowed in type declarations");
        }
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
        Object t = exportType(e.desc(), name, scope, binder, offset);
        if (t != null) {
          out.put(name, t);
        }
      } else {
        throw Errors.invalid(offset, "imports are not allowed in an instance type");
      }
    }
    return out;
  }

  /**
   * The type an instance type's export declares, added to {@code scope}'s type space when it is a
   * type; null for a value, which has no type here.
   */
  private static Object exportType(
      ExternDesc desc,
      String name,
      IndexSpaces scope,
      Function<String, ResourceType> binder,
      long offset)
      throws ComponentException {
    return switch (desc.kind()) {
      case TYPE -> {
        TypeBound b = ((ExternDesc.TypeDesc) desc).bound();
        Object t =
            b instanceof TypeBound.Eq eq
                ? IndexSpaces.at(scope.types, eq.typeIndex(), "type", offset)
                : binder.apply(name);
        scope.types.add(t);
        yield t;
      }
      case FUNC -> funcType(((ExternDesc.FuncDesc) desc).typeIndex(), scope, offset);
      case INSTANCE ->
          IndexSpaces.at(scope.types, ((ExternDesc.InstanceDesc) desc).typeIndex(), "type", offset);
      case COMPONENT ->
          IndexSpaces.at(
              scope.types, ((ExternDesc.ComponentDesc) desc).typeIndex(), "type", offset);
      case CORE_MODULE, VALUE, VALUE_EQ -> null;
    };
  }
}
