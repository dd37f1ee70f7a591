package dev.wasihttp.component.wave;

import dev.wasihttp.component.values.Val;
import java.util.List;

/** Writes values in the canonical form of the wasm-wave writer ({@code writer.rs}). */
final class Printer {
  private final StringBuilder out = new StringBuilder();

  static String print(Val v) {
    Printer p = new Printer();
    p.value(v);
    return p.out.toString();
  }

  static String printAll(List<Val> values) {
    Printer p = new Printer();
    p.out.append('(');
    p.sequence(values);
    p.out.append(')');
    return p.out.toString();
  }

  private void value(Val v) {
    if (v instanceof Val.Bool bool) {
      out.append(bool.value());
    } else if (v instanceof Val.S8 s8) {
      out.append(s8.value());
    } else if (v instanceof Val.U8 u8) {
      out.append(u8.value());
    } else if (v instanceof Val.S16 s16) {
      out.append(s16.value());
    } else if (v instanceof Val.U16 u16) {
      out.append(u16.value());
    } else if (v instanceof Val.S32 s32) {
      out.append(s32.value());
    } else if (v instanceof Val.U32 u32) {
      out.append(u32.value());
    } else if (v instanceof Val.S64 s64) {
      out.append(s64.value());
    } else if (v instanceof Val.U64 u64) {
      out.append(Long.toUnsignedString(u64.value()));
    } else if (v instanceof Val.F32 f32) {
      out.append(Floats.f32(f32.value()));
    } else if (v instanceof Val.F64 f64) {
      out.append(Floats.f64(f64.value()));
    } else if (v instanceof Val.Char char1) {
      out.append('\'');
      Text.appendEscaped(out, char1.codePoint());
      out.append('\'');
    } else if (v instanceof Val.Str str) {
      out.append('"');
      str.value().codePoints().forEach(c -> Text.appendEscaped(out, c));
      out.append('"');
    } else if (v instanceof Val.ListValue list) {
      out.append('[');
      sequence(list.elements());
      out.append(']');
    } else if (v instanceof Val.Tuple tuple) {
      out.append('(');
      sequence(tuple.values());
      out.append(')');
    } else if (v instanceof Val.RecordValue record) {
      record(record);
    } else {
      caseLike(v);
    }
  }

  /** Variants, enums, options, results, flags and resource handles. */
  private void caseLike(Val v) {
    if (v instanceof Val.Variant variant) {
      out.append(Labels.escaped(variant.caseName()));
      payload(variant.payload());
    } else if (v instanceof Val.EnumValue enum1) {
      out.append(Labels.escaped(enum1.caseName()));
    } else if (v instanceof Val.Option option) {
      out.append(option.isSome() ? "some" : "none");
      payload(option.value());
    } else if (v instanceof Val.Result result) {
      out.append(result.isOk() ? "ok" : "err");
      payload(result.value());
    } else if (v instanceof Val.Flags flags) {
      out.append('{').append(String.join(", ", flags.names())).append('}');
    } else if (v instanceof Val.Own own) {
      handle("own", own.type().name(), own.rep());
    } else if (v instanceof Val.Borrow borrow) {
      handle("borrow", borrow.type().name(), borrow.rep());
    } else {
      throw new AssertionError(v);
    }
  }

  private void payload(Val payload) {
    if (payload != null) {
      out.append('(');
      value(payload);
      out.append(')');
    }
  }

  /** Fields that are {@code none} are left out; with nothing left the record is {@code {:}}. */
  private void record(Val.RecordValue record) {
    out.append('{');
    boolean first = true;
    for (Val.RecordValue.Field f : record.fields()) {
      if (f.value() instanceof Val.Option && !((Val.Option) f.value()).isSome()) {
        continue;
      }
      if (!first) {
        out.append(", ");
      }
      first = false;
      out.append(f.name()).append(": ");
      value(f.value());
    }
    out.append(first ? ":}" : "}");
  }

  private void sequence(List<Val> values) {
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      value(values.get(i));
    }
  }

  /** Our form for handles, which WAVE cannot write: {@code own<NAME>#REP}, rep unsigned. */
  private void handle(String kind, String resource, int rep) {
    out.append(kind)
        .append('<')
        .append(resource)
        .append(">#")
        .append(Integer.toUnsignedString(rep));
  }
}
