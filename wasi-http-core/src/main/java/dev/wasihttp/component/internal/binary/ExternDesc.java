package dev.wasihttp.component.internal.binary;

/** The type of an import or export (Binary.md, {@code externtype}). */
public sealed interface ExternDesc {
  /** Which form this is, for switches that must handle every form. */
  Kind kind();

  /** The forms of {@code externtype}, one per record here. */
  enum Kind {
    CORE_MODULE,
    FUNC,
    VALUE,
    VALUE_EQ,
    TYPE,
    COMPONENT,
    INSTANCE
  }

  /** {@code 0x00 0x11}: {@code (core module (type i))}. */
  record CoreModuleDesc(int coreTypeIndex) implements ExternDesc {
    @Override
    public Kind kind() {
      return Kind.CORE_MODULE;
    }
  }

  /** {@code 0x01}: {@code (func (type i))}. */
  record FuncDesc(int typeIndex) implements ExternDesc {
    @Override
    public Kind kind() {
      return Kind.FUNC;
    }
  }

  /** {@code 0x02 0x01} (🪙): {@code (value t)}. */
  record ValueDesc(TypeRef type) implements ExternDesc {
    @Override
    public Kind kind() {
      return Kind.VALUE;
    }
  }

  /** {@code 0x02 0x00} (🪙): {@code (value (eq i))}, the same type as value {@code valueIndex}. */
  record ValueEqDesc(int valueIndex) implements ExternDesc {
    @Override
    public Kind kind() {
      return Kind.VALUE_EQ;
    }
  }

  /** {@code 0x03}: {@code (type b)}. */
  record TypeDesc(TypeBound bound) implements ExternDesc {
    @Override
    public Kind kind() {
      return Kind.TYPE;
    }
  }

  /** {@code 0x04}: {@code (component (type i))}. */
  record ComponentDesc(int typeIndex) implements ExternDesc {
    @Override
    public Kind kind() {
      return Kind.COMPONENT;
    }
  }

  /** {@code 0x05}: {@code (instance (type i))}. */
  record InstanceDesc(int typeIndex) implements ExternDesc {
    @Override
    public Kind kind() {
      return Kind.INSTANCE;
    }
  }
}
