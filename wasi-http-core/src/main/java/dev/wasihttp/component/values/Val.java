package dev.wasihttp.component.values;

import dev.wasihttp.component.types.ResourceType;
import dev.wasihttp.component.types.ValType.Kind;
import java.util.List;
import java.util.Objects;

/**
 * A component-model value: the dynamic counterpart of {@link dev.wasihttp.component.types.ValType},
 * one record per WIT type. Values are immutable and self-describing (records, variants, enums and
 * flags carry their names), so they print as WAVE without their type.
 *
 * <p>Unsigned integers keep their value in a wider Java type ({@code u8}/{@code u16} in an {@code
 * int}, {@code u32} in a {@code long}); {@code u64} keeps the 64 bits in a {@code long} and is read
 * with {@link Long#toUnsignedString(long)}. Float values compare with {@link Float#compare}, so NaN
 * equals NaN.
 *
 * <p>Each case is named after its WIT type, except where that name is a {@code java.lang} or {@code
 * java.util} type every file sees ({@code String}, {@code List}, {@code Record}, {@code Enum}):
 * those are {@link Str}, {@link ListValue}, {@link RecordValue} and {@link EnumValue}, so that
 * naming a case never shadows the Java type. Their {@code toString} still reads {@code List[...]},
 * {@code Record[...]} and {@code Enum[...]}, like the other cases' WIT-named text.
 */
public sealed interface Val {
  /** The WIT type kind of this value: the kind of every type it is a value of. */
  Kind kind();

  /** {@code bool}. */
  record Bool(boolean value) implements Val {
    @Override
    public Kind kind() {
      return Kind.BOOL;
    }
  }

  /** {@code s8}. */
  record S8(byte value) implements Val {
    @Override
    public Kind kind() {
      return Kind.S8;
    }
  }

  /** {@code u8}, 0 to 255. */
  record U8(int value) implements Val {
    @Override
    public Kind kind() {
      return Kind.U8;
    }

    public U8 {
      if (value < 0 || value > 0xff) {
        throw new IllegalArgumentException("u8 out of range: " + value);
      }
    }
  }

  /** {@code s16}. */
  record S16(short value) implements Val {
    @Override
    public Kind kind() {
      return Kind.S16;
    }
  }

  /** {@code u16}, 0 to 65535. */
  record U16(int value) implements Val {
    @Override
    public Kind kind() {
      return Kind.U16;
    }

    public U16 {
      if (value < 0 || value > 0xffff) {
        throw new IllegalArgumentException("u16 out of range: " + value);
      }
    }
  }

  /** {@code s32}. */
  record S32(int value) implements Val {
    @Override
    public Kind kind() {
      return Kind.S32;
    }
  }

  /** {@code u32}, 0 to 2^32-1. */
  record U32(long value) implements Val {
    @Override
    public Kind kind() {
      return Kind.U32;
    }

    public U32 {
      if (value < 0 || value > 0xffff_ffffL) {
        throw new IllegalArgumentException("u32 out of range: " + value);
      }
    }
  }

  /** {@code s64}. */
  record S64(long value) implements Val {
    @Override
    public Kind kind() {
      return Kind.S64;
    }
  }

  /** {@code u64}: the 64 bits, read unsigned. */
  record U64(long value) implements Val {
    @Override
    public Kind kind() {
      return Kind.U64;
    }

    @Override
    public String toString() {
      return "U64[value=" + Long.toUnsignedString(value) + "]";
    }
  }

  /** {@code f32}. */
  record F32(float value) implements Val {
    @Override
    public Kind kind() {
      return Kind.F32;
    }
  }

  /** {@code f64}. */
  record F64(double value) implements Val {
    @Override
    public Kind kind() {
      return Kind.F64;
    }
  }

  /** {@code char}: a Unicode scalar value (not a surrogate). */
  record Char(int codePoint) implements Val {
    @Override
    public Kind kind() {
      return Kind.CHAR;
    }

    public Char {
      if (codePoint < 0 || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) {
        throw new IllegalArgumentException(
            "not a Unicode scalar value: 0x" + Integer.toHexString(codePoint));
      }
    }
  }

  /** {@code string}. */
  record Str(String value) implements Val {
    @Override
    public Kind kind() {
      return Kind.STRING;
    }

    public Str {
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * {@code list<T>}. A {@code list<u8>} made with {@link #ofBytes} keeps its bytes as an array (its
   * {@link #elements()} are a view of them), so bodies move between guest memory and host streams
   * in one copy; it equals the same list made element by element.
   */
  record ListValue(List<Val> elements) implements Val {
    @Override
    public Kind kind() {
      return Kind.LIST;
    }

    public ListValue {
      elements = elements instanceof ByteElements ? elements : List.copyOf(elements);
    }

    /** The {@code list<u8>} of {@code bytes} (copied). */
    public static ListValue ofBytes(byte[] bytes) {
      return new ListValue(new ByteElements(bytes.clone()));
    }

    /** The {@code list<u8>} of {@code bytes}, which the caller hands over and never changes. */
    public static ListValue ofOwnedBytes(byte[] bytes) {
      return new ListValue(new ByteElements(bytes));
    }

    /**
     * This list's elements as bytes, when every element is a {@code u8}: a copy of the array for a
     * list made with {@link #ofBytes}, else one byte per element. Null when an element is not a
     * {@code u8}.
     */
    public byte[] toBytes() {
      if (elements instanceof ByteElements b) {
        return b.copy();
      }
      byte[] out = new byte[elements.size()];
      for (int i = 0; i < out.length; i++) {
        if (!(elements.get(i) instanceof U8 u8)) {
          return null;
        }
        out[i] = (byte) u8.value();
      }
      return out;
    }

    @Override
    public String toString() {
      return "List[elements=" + elements + "]";
    }
  }

  /** {@code record}: fields in declaration order. */
  record RecordValue(List<Field> fields) implements Val {
    @Override
    public Kind kind() {
      return Kind.RECORD;
    }

    /** One named field value. */
    public record Field(String name, Val value) {
      public Field {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
      }
    }

    public RecordValue {
      fields = List.copyOf(fields);
    }

    @Override
    public String toString() {
      return "Record[fields=" + fields + "]";
    }

    /** The value of the field named {@code name}, or null. */
    public Val get(String name) {
      for (Field f : fields) {
        if (f.name().equals(name)) {
          return f.value();
        }
      }
      return null;
    }
  }

  /** {@code tuple<...>}. */
  record Tuple(List<Val> values) implements Val {
    @Override
    public Kind kind() {
      return Kind.TUPLE;
    }

    public Tuple {
      values = List.copyOf(values);
    }
  }

  /** {@code variant}: the case name and its payload, null for a case without one. */
  record Variant(String caseName, Val payload) implements Val {
    @Override
    public Kind kind() {
      return Kind.VARIANT;
    }

    public Variant {
      Objects.requireNonNull(caseName, "caseName");
    }
  }

  /** {@code enum}: the case name. */
  record EnumValue(String caseName) implements Val {
    @Override
    public Kind kind() {
      return Kind.ENUM;
    }

    public EnumValue {
      Objects.requireNonNull(caseName, "caseName");
    }

    @Override
    public String toString() {
      return "Enum[caseName=" + caseName + "]";
    }
  }

  /** {@code option<T>}: {@code value} is null for {@code none}. */
  record Option(Val value) implements Val {
    @Override
    public Kind kind() {
      return Kind.OPTION;
    }

    private static final Option NONE = new Option(null);

    /** {@code none}. */
    public static Option none() {
      return NONE;
    }

    /** {@code some(value)}. */
    public static Option some(Val value) {
      return new Option(Objects.requireNonNull(value, "value"));
    }

    public boolean isSome() {
      return value != null;
    }
  }

  /** {@code result<ok, err>}: which side, and its payload (null where that side has no type). */
  record Result(boolean isOk, Val value) implements Val {
    @Override
    public Kind kind() {
      return Kind.RESULT;
    }

    public static Result ok(Val value) {
      return new Result(true, value);
    }

    public static Result err(Val value) {
      return new Result(false, value);
    }
  }

  /** {@code flags}: the names of the flags that are set, in the type's order. */
  record Flags(List<String> names) implements Val {
    @Override
    public Kind kind() {
      return Kind.FLAGS;
    }

    public Flags {
      names = List.copyOf(names);
    }
  }

  /**
   * {@code own<R>}: the resource's runtime type and its representation ({@code rep}): for a
   * guest-defined resource the i32 the guest gave {@code resource.new}, for a host resource the
   * index the host chose.
   */
  record Own(ResourceType type, int rep) implements Val {
    @Override
    public Kind kind() {
      return Kind.OWN;
    }

    public Own {
      Objects.requireNonNull(type, "type");
    }
  }

  /** {@code borrow<R>}: like {@link Own}, valid only for the duration of one call. */
  record Borrow(ResourceType type, int rep) implements Val {
    @Override
    public Kind kind() {
      return Kind.BORROW;
    }

    public Borrow {
      Objects.requireNonNull(type, "type");
    }
  }
}
