package dev.wasihttp.component.internal.binary;

import dev.wasihttp.component.types.PrimitiveType;
import java.util.List;

/**
 * A component type definition (Binary.md, {@code deftype}): a {@code defvaltype}, a {@code
 * functype}, a {@code componenttype}, an {@code instancetype} or a {@code resourcetype}. Nullable
 * components stand for the spec's optional immediates ({@code <T>?}).
 */
public sealed interface DefType {
  /** Which form this is, for switches that must handle every form (WASI 0.3 adds more). */
  Kind kind();

  /** The forms of {@code deftype}, one per record here. */
  enum Kind {
    PRIMITIVE,
    RECORD,
    VARIANT,
    LIST,
    TUPLE,
    FLAGS,
    ENUM,
    OPTION,
    RESULT,
    OWN,
    BORROW,
    FUNC,
    COMPONENT,
    INSTANCE,
    RESOURCE
  }

  /** A label with a value type: a record field or a function parameter ({@code labelvaltype}). */
  record NamedRef(String name, TypeRef type) {}

  /** A variant case ({@code case}); {@code type} is {@code null} when the case has no payload. */
  record CaseDef(String name, TypeRef type) {}

  /** A deftype that is just a primitive value type. */
  record PrimitiveDef(PrimitiveType type) implements DefType {
    @Override
    public Kind kind() {
      return Kind.PRIMITIVE;
    }
  }

  /** {@code 0x72}: {@code (record (field l t)*)}. */
  record RecordDef(List<NamedRef> fields) implements DefType {
    @Override
    public Kind kind() {
      return Kind.RECORD;
    }

    public RecordDef {
      fields = List.copyOf(fields);
    }
  }

  /** {@code 0x71}: {@code (variant (case l t?)*)}. */
  record VariantDef(List<CaseDef> cases) implements DefType {
    @Override
    public Kind kind() {
      return Kind.VARIANT;
    }

    public VariantDef {
      cases = List.copyOf(cases);
    }
  }

  /** {@code 0x70}: {@code (list t)}. */
  record ListDef(TypeRef element) implements DefType {
    @Override
    public Kind kind() {
      return Kind.LIST;
    }
  }

  /** {@code 0x6f}: {@code (tuple t*)}. */
  record TupleDef(List<TypeRef> types) implements DefType {
    @Override
    public Kind kind() {
      return Kind.TUPLE;
    }

    public TupleDef {
      types = List.copyOf(types);
    }
  }

  /** {@code 0x6e}: {@code (flags l*)}. */
  record FlagsDef(List<String> names) implements DefType {
    @Override
    public Kind kind() {
      return Kind.FLAGS;
    }

    public FlagsDef {
      names = List.copyOf(names);
    }
  }

  /** {@code 0x6d}: {@code (enum l*)}. */
  record EnumDef(List<String> names) implements DefType {
    @Override
    public Kind kind() {
      return Kind.ENUM;
    }

    public EnumDef {
      names = List.copyOf(names);
    }
  }

  /** {@code 0x6b}: {@code (option t)}. */
  record OptionDef(TypeRef type) implements DefType {
    @Override
    public Kind kind() {
      return Kind.OPTION;
    }
  }

  /** {@code 0x6a}: {@code (result t? (error u)?)}; either side may be {@code null}. */
  record ResultDef(TypeRef ok, TypeRef err) implements DefType {
    @Override
    public Kind kind() {
      return Kind.RESULT;
    }
  }

  /** {@code 0x69}: {@code (own i)}. */
  record OwnDef(int typeIndex) implements DefType {
    @Override
    public Kind kind() {
      return Kind.OWN;
    }
  }

  /** {@code 0x68}: {@code (borrow i)}. */
  record BorrowDef(int typeIndex) implements DefType {
    @Override
    public Kind kind() {
      return Kind.BORROW;
    }
  }

  /** {@code 0x40}: {@code (func (param l t)* (result t)?)}; {@code result} may be {@code null}. */
  record FuncTypeDef(List<NamedRef> params, TypeRef result) implements DefType {
    @Override
    public Kind kind() {
      return Kind.FUNC;
    }

    public FuncTypeDef {
      params = List.copyOf(params);
    }
  }

  /** {@code 0x41}: {@code (component decl*)}. */
  record ComponentTypeDef(List<Decl> decls) implements DefType {
    @Override
    public Kind kind() {
      return Kind.COMPONENT;
    }

    public ComponentTypeDef {
      decls = List.copyOf(decls);
    }
  }

  /** {@code 0x42}: {@code (instance decl*)}; never holds an {@link Decl.ImportDecl}. */
  record InstanceTypeDef(List<Decl> decls) implements DefType {
    @Override
    public Kind kind() {
      return Kind.INSTANCE;
    }

    public InstanceTypeDef {
      decls = List.copyOf(decls);
    }
  }

  /**
   * {@code 0x3f}: {@code (resource (rep t) (dtor f)?)}.
   *
   * @param destructorCoreFuncIndex the destructor's core function index, or {@code null}
   */
  record ResourceDef(CoreValType rep, Integer destructorCoreFuncIndex) implements DefType {
    @Override
    public Kind kind() {
      return Kind.RESOURCE;
    }
  }
}
