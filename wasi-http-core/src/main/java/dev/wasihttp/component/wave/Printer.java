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

  /** Appends {@code v}; returns {@link #out}. */
  private StringBuilder value(Val v) {
    return switch (v.kind()) {
      case BOOL -> out.append(((Val.Bool) v).value());
      case S8 -> out.append(((Val.S8) v).value());
      case U8 -> out.append(((Val.U8) v).value());
      case S16 -> out.append(((Val.S16) v).value());
      case U16 -> out.append(((Val.U16) v).value());
      case S32 -> out.append(((Val.S32) v).value());
      case U32 -> out.append(((Val.U32) v).value());
      case S64 -> out.append(((Val.S64) v).value());
      case U64 -> out.append(Long.toUnsignedString(((Val.U64) v).value()));
      case F32 -> out.append(Floats.f32(((Val.F32) v).value()));
      case F64 -> out.append(Floats.f64(((Val.F64) v).value()));
      case CHAR -> {
        out.append('\'');
        Text.appendEscaped(out, ((Val.Char) v).codePoint());
        yield out.append('\'');
      }
      case STRING -> {
        out.append('"');
        ((Val.Str) v).value().codePoints().forEach(c -> Text.appendEscaped(out, c));
        yield out.append('"');
      }
      case LIST -> sequence('[', ((Val.ListValue) v).elements(), ']');
      case TUPLE -> sequence('(', ((Val.Tuple) v).values(), ')');
      case RECORD -> record((Val.RecordValue) v);
      case VARIANT ->
          payload(Labels.escaped(((Val.Variant) v).caseName()), ((Val.Variant) v).payload());
      case ENUM -> out.append(Labels.escaped(((Val.EnumValue) v).caseName()));
      case OPTION -> {
        Val.Option option = (Val.Option) v;
        yield payload(option.isSome() ? "some" : "none", option.value());
      }
      case RESULT -> {
        Val.Result result = (Val.Result) v;
        yield payload(result.isOk() ? "ok" : "err", result.value());
      }
      case FLAGS -> out.append('{').append(String.join(", ", ((Val.Flags) v).names())).append('}');
      case OWN -> handle("own", ((Val.Own) v).type().name(), ((Val.Own) v).rep());
      case BORROW -> handle("borrow", ((Val.Borrow) v).type().name(), ((Val.Borrow) v).rep());
    };
  }

  /** A case label and its payload in parentheses, if it has one. */
  private StringBuilder payload(String label, Val payload) {
    out.append(label);
    if (payload != null) {
      out.append('(');
      value(payload);
      out.append(')');
    }
    return out;
  }

  /** Fields that are {@code none} are left out; with nothing left the record is {@code {:}}. */
  private StringBuilder record(Val.RecordValue record) {
    out.append('{');
    boolean first = true;
    for (Val.RecordValue.Field f : record.fields()) {
      if (f.value() instanceof Val.Option option && !option.isSome()) {
        continue;
      }
      if (!first) {
        out.append(", ");
      }
      first = false;
      out.append(f.name()).append(": ");
      value(f.value());
    }
    return out.append(first ? ":}" : "}");
  }

  private StringBuilder sequence(char open, List<Val> values, char close) {
    out.append(open);
    sequence(values);
    return out.append(close);
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
  private StringBuilder handle(String kind, String resource, int rep) {
    return out.append(kind)
        .append('<')
        .append(resource)
        .append(">#")
        .append(Integer.toUnsignedString(rep));
  }
}
