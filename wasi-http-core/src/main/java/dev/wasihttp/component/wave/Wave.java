package dev.wasihttp.component.wave;

import dev.wasihttp.component.types.ValType;
import dev.wasihttp.component.values.Val;
import java.util.List;
import java.util.Objects;

/**
 * Reads and writes component values as WAVE, the WebAssembly Value Encoding of {@code wasmtime run
 * --invoke} and {@code wasm-tools} (bytecodealliance/wasm-tools, {@code crates/wasm-wave}).
 *
 * <p>Reading is type-directed, as WAVE is: {@code {a, b}} is flags or a record and a bare label is
 * a variant or enum case, depending on the type. It accepts everything the wasm-wave parser
 * accepts: decimal integers, floats as JSON numbers or {@code nan}/{@code inf}/{@code -inf}, {@code
 * 'c'}, {@code "s"} and {@code """} multiline strings with the escapes {@code \\ \' \" \t \n \r}
 * and <code>&#92;u{HEX}</code>, {@code [list]}, {@code (tuple)}, {@code {record: 1}} (option fields
 * may be left out, {@code {:}} when all are), {@code case(payload)}, {@code {flags}}, {@code
 * some(x)}/{@code none} and {@code ok(x)}/{@code err(x)} or the bare payload for {@code some} and
 * {@code ok} when it is not itself an option or result; {@code //} comments; trailing commas;
 * {@code %} before a label, which a case named like a keyword needs ({@code %none}). It refuses one
 * thing wasm-wave lets through: a record field the type does not have.
 *
 * <p>Writing gives the canonical form of the wasm-wave writer, so {@code print(parse(t))} is the
 * normal form of {@code t}. Resource handles have no WAVE form: they print as {@code own<NAME>#REP}
 * or {@code borrow<NAME>#REP} (the resource type's name, the representation unsigned) and cannot be
 * read. All methods are stateless and thread-safe.
 */
public final class Wave {
  private Wave() {}

  /**
   * Reads one value of {@code type} from {@code text}; whitespace and comments around it are
   * ignored.
   *
   * @throws WaveException if the text is not WAVE, not a value of {@code type} (out-of-range
   *     integer, unknown case, flag or field, missing field or payload, wrong tuple arity...), or
   *     has anything after the value; its message and {@link WaveException#offset()} say where
   */
  public static Val parse(String text, ValType type) throws WaveException {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(type, "type");
    return parse(text, 0, text.length(), type);
  }

  /** Reads {@code text[start, end)}; offsets in errors are those of the whole text. */
  static Val parse(String text, int start, int end, ValType type) throws WaveException {
    return new ValueParser(new Lexer(text, start, end)).parseAll(type);
  }

  /**
   * Writes {@code value} in the canonical form of the wasm-wave writer, e.g. {@code [1, 2]}, {@code
   * {x: 1, y: 2}} (fields that are {@code none} left out), {@code some("a")}, {@code ok}, {@code
   * {read, write}}, <code>'&#92;u{0}'</code>, {@code %none} for a case named {@code none}, and
   * floats as the shortest decimal that reads back exactly, without exponent ({@code 1.5}, {@code
   * 100000}, {@code -0}, {@code nan}, {@code inf}). A Java string may hold an unpaired surrogate,
   * which no WIT string can: it prints as <code>&#92;u{d800}</code> and does not read back.
   */
  public static String print(Val value) {
    return Printer.print(Objects.requireNonNull(value, "value"));
  }

  /**
   * Writes a function's results as {@code wasmtime run --invoke} does: one result as itself, any
   * other number as a parenthesized list ({@code ()} for none).
   */
  public static String printResults(List<Val> results) {
    return results.size() == 1 ? print(results.get(0)) : Printer.printAll(results);
  }
}
