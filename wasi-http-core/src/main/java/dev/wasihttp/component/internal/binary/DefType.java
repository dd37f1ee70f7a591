package dev.wasihttp.component.internal.binary;

import dev.wasihttp.component.types.PrimitiveType;
import java.util.List;

/**
 * A component type definition (Binary.md, {@code deftype}): a {@code defvaltype}, a {@code
 * functype}, a {@code componenttype}, an {@code instancetype} or a {@code resourcetype}. Nullable
 * components stand for the spec's optional immediates ({@code <T>?}).
 */
public sealed interface DefType {

  /** A label with a value type: a record field or a function parameter ({@code labelvaltype}). */
  record NamedRef(String name, TypeRef type) {}

  /** A variant case ({@code case}); {@code type} is {@code null} when the case has no payload. */
  record CaseDef(String name, TypeRef type) {}

  /** A deftype that is just a primitive value type. */
  record PrimitiveDef(PrimitiveType type) implements DefType {}

  /** {@code 0x72}: {@code (record (field l t)*)}. */
  record RecordDef(List<NamedRef> fields) implements DefType {
    public RecordDef {
      fields = List.copyOf(fields);
    }
  }

  /** {@code 0x71}: {@code (variant (case l t?)*)}. */
  record VariantDef(List<CaseDef> cases) implements DefType {
    public VariantDef {
      cases = List.copyOf(cases);
    }
  }

  /** {@code 0x70}: {@code (list t)}. */
  record ListDef(TypeRef element) implements DefType {}

  /** {@code 0x6f}: {@code (tuple t*)}. */
  record TupleDef(List<TypeRef> types) implements DefType {
    public TupleDef {
      types = List.copyOf(types);
    }
  }

  /** {@code 0x6e}: {@code (flags l*)}. */
  record FlagsDef(List<String> names) implements DefType {
    public FlagsDef {
      names = List.copyOf(names);
    }
  }

  /** {@code 0x6d}: {@code (enum l*)}. */
  record EnumDef(List<String> names) implements DefType {
    public EnumDef {
      names = List.copyOf(names);
    }
  }

  /** {@code 0x6b}: {@code (option t)}. */
  record OptionDef(TypeRef type) implements DefType {}

  /** {@code 0x6a}: {@code (result t? (error u)?)}; either side may be {@code null}. */
  record ResultDef(TypeRef ok, TypeRef err) implements DefType {}

  /** {@code 0x69}: {@code (own i)}. */
  record OwnDef(int typeIndex) implements DefType {}

  /** {@code 0x68}: {@code (borrow i)}. */
  record BorrowDef(int typeIndex) implements DefType {}

  /** {@code 0x40}: {@code (func (param l t)* (result t)?)}; {@code result} may be {@code null}. */
  record FuncTypeDef(List<NamedRef> params, TypeRef result) implements DefType {
    public FuncTypeDef {
      params = List.copyOf(params);
    }
  }

  /** {@code 0x41}: {@code (component decl*)}. */
  record ComponentTypeDef(List<Decl> decls) implements DefType {
    public ComponentTypeDef {
      decls = List.copyOf(decls);
    }
  }

  /** {@code 0x42}: {@code (instance decl*)}; never holds an {@link Decl.ImportDecl}. */
  record InstanceTypeDef(List<Decl> decls) implements DefType {
    public InstanceTypeDef {
      decls = List.copyOf(decls);
    }
  }

  /**
   * {@code 0x3f}: {@code (resource (rep t) (dtor f)?)}.
   *
   * @param destructorCoreFuncIndex the destructor's core function index, or {@code null}
   */
  record ResourceDef(CoreValType rep, Integer destructorCoreFuncIndex) implements DefType {}
}
