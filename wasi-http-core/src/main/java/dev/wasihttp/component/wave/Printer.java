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
    if (v instanceof Val.Bool) {
      out.append(((Val.Bool) v).value());
    } else if (v instanceof Val.S8) {
      out.append(((Val.S8) v).value());
    } else if (v instanceof Val.U8) {
      out.append(((Val.U8) v).value());
    } else if (v instanceof Val.S16) {
      out.append(((Val.S16) v).value());
    } else if (v instanceof Val.U16) {
      out.append(((Val.U16) v).value());
    } else if (v instanceof Val.S32) {
      out.append(((Val.S32) v).value());
    } else if (v instanceof Val.U32) {
      out.append(((Val.U32) v).value());
    } else if (v instanceof Val.S64) {
      out.append(((Val.S64) v).value());
    } else if (v instanceof Val.U64) {
      out.append(Long.toUnsignedString(((Val.U64) v).value()));
    } else if (v instanceof Val.F32) {
      out.append(Floats.f32(((Val.F32) v).value()));
    } else if (v instanceof Val.F64) {
      out.append(Floats.f64(((Val.F64) v).value()));
    } else if (v instanceof Val.Char) {
      out.append('\'');
      Text.appendEscaped(out, ((Val.Char) v).codePoint());
      out.append('\'');
    } else if (v instanceof Val.Str) {
      out.append('"');
      ((Val.Str) v).value().codePoints().forEach(c -> Text.appendEscaped(out, c));
      out.append('"');
    } else if (v instanceof Val.List) {
      out.append('[');
      sequence(((Val.List) v).elements());
      out.append(']');
    } else if (v instanceof Val.Tuple) {
      out.append('(');
      sequence(((Val.Tuple) v).values());
      out.append(')');
    } else if (v instanceof Val.Record) {
      record((Val.Record) v);
    } else {
      caseLike(v);
    }
  }

  /** Variants, enums, options, results, flags and resource handles. */
  private void caseLike(Val v) {
    if (v instanceof Val.Variant) {
      Val.Variant variant = (Val.Variant) v;
      out.append(Labels.escaped(variant.caseName()));
      payload(variant.payload());
    } else if (v instanceof Val.Enum) {
      out.append(Labels.escaped(((Val.Enum) v).caseName()));
    } else if (v instanceof Val.Option) {
      Val.Option option = (Val.Option) v;
      out.append(option.isSome() ? "some" : "none");
      payload(option.value());
    } else if (v instanceof Val.Result) {
      Val.Result result = (Val.Result) v;
      out.append(result.isOk() ? "ok" : "err");
      payload(result.value());
    } else if (v instanceof Val.Flags) {
      out.append('{').append(String.join(", ", ((Val.Flags) v).names())).append('}');
    } else if (v instanceof Val.Own) {
      Val.Own own = (Val.Own) v;
      handle("own", own.type().name(), own.rep());
    } else if (v instanceof Val.Borrow) {
      Val.Borrow borrow = (Val.Borrow) v;
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
  private void record(Val.Record record) {
    out.append('{');
    boolean first = true;
    for (Val.Record.Field f : record.fields()) {
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
