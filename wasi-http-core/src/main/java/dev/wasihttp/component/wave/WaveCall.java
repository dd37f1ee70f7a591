package dev.wasihttp.component.wave;

import dev.wasihttp.component.types.FuncType;
import dev.wasihttp.component.types.OptionType;
import dev.wasihttp.component.values.Val;
import dev.wasihttp.component.wave.Token.Kind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * A call expression as {@code wasmtime run --invoke} takes it: a function name and its WAVE
 * arguments in parentheses, e.g. {@code get-point(1, "a, b)")}. Parsing splits the arguments
 * (respecting brackets, strings and comments) without knowing their types; {@link
 * #arguments(FuncType)} reads them once the caller has looked the function up.
 *
 * <p>The function name takes one of these forms ({@code ns:pkg} is a package, {@code iface} an
 * exported interface, {@code 1.2.3} a semantic version):
 *
 * <ul>
 *   <li>{@code func(...)}: a bare name, to be searched in the root and in exported instances;
 *   <li>{@code iface.func(...)} and {@code iface#func(...)}: a function of the instance exported as
 *       {@code iface};
 *   <li>{@code ns:pkg/iface.func(...)} and {@code ns:pkg/iface.func@1.2.3(...)}: wasmtime's
 *       spelling of a function of {@code ns:pkg/iface} (version last);
 *   <li>{@code ns:pkg/iface#func(...)} and {@code ns:pkg/iface@1.2.3#func(...)}: the core-export
 *       spelling of the same.
 * </ul>
 *
 * <p>Names are kebab-case ({@code %} prefix allowed and dropped); versions may carry {@code -pre}
 * and {@code +build} parts. Whitespace and {@code //} comments may surround the name and the
 * arguments. Instances are immutable and thread-safe.
 */
public final class WaveCall {
  private final String source;
  private final CallName name;
  private final int nameStart;
  private final int close;
  private final List<int[]> spans;

  private WaveCall(String source, CallName name, int nameStart, int close, List<int[]> spans) {
    this.source = source;
    this.name = name;
    this.nameStart = nameStart;
    this.close = close;
    this.spans = spans;
  }

  /**
   * Parses {@code text} as {@code name(arg, ...)}: the name in one of the forms listed above, then
   * parentheses (required, also for no arguments) holding comma-separated WAVE values, a trailing
   * comma allowed.
   *
   * @throws WaveException if the name is malformed, the parentheses are missing or unbalanced, an
   *     argument is empty, a string or char is malformed, or text follows the closing parenthesis
   */
  public static WaveCall parse(String text) throws WaveException {
    Objects.requireNonNull(text, "text");
    int start = 0;
    while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
      start++;
    }
    CallName name = CallName.read(text, start);
    Lexer lex = new Lexer(text, name.end, text.length());
    Token open = lex.next();
    if (open.kind() != Kind.PAREN_OPEN) {
      String fn = text.substring(start, name.end);
      throw new WaveException(
          "expected \"(\" after the function name "
              + fn
              + " at "
              + open.start()
              + ", found "
              + lex.found(open)
              + (open.kind() == Kind.END
                  ? " (write " + fn + "() to call it without arguments)"
                  : ""),
          open.start());
    }
    List<int[]> spans = new ArrayList<>();
    Token close = splitArguments(lex, spans);
    Token after = lex.next();
    if (after.kind() != Kind.END) {
      throw new WaveException(
          "unexpected " + lex.found(after) + " at " + after.start() + " after the call",
          after.start());
    }
    return new WaveCall(text, name, start, close.start(), List.copyOf(spans));
  }

  /** Collects the top-level comma-separated token runs up to the matching ")". */
  private static Token splitArguments(Lexer lex, List<int[]> spans) throws WaveException {
    Deque<Token> open = new ArrayDeque<>();
    int argStart = -1;
    int argEnd = -1;
    while (true) {
      Token t = lex.next();
      switch (t.kind()) {
        case END:
          throw new WaveException(
              "unexpected end of input at "
                  + t.start()
                  + " (expected "
                  + (open.isEmpty() ? "\")\" to close the arguments" : closer(open.peek()))
                  + ")",
              t.start());
        case PAREN_OPEN:
        case BRACKET_OPEN:
        case BRACE_OPEN:
          open.push(t);
          break;
        case PAREN_CLOSE:
        case BRACKET_CLOSE:
        case BRACE_CLOSE:
          if (open.isEmpty()) {
            if (t.kind() != Kind.PAREN_CLOSE) {
              throw unexpected(lex, t, "\")\" to close the arguments");
            }
            if (argStart >= 0) {
              spans.add(new int[] {argStart, argEnd});
            }
            return t;
          }
          if (!closer(open.peek()).equals(lex.found(t))) {
            throw unexpected(
                lex, t, closer(open.peek()) + " to match the one at " + open.peek().start());
          }
          open.pop();
          break;
        case COMMA:
          if (open.isEmpty()) {
            if (argStart < 0) {
              throw unexpected(lex, t, "an argument");
            }
            spans.add(new int[] {argStart, argEnd});
            argStart = -1;
            continue;
          }
          break;
        default:
          break;
      }
      if (argStart < 0) {
        argStart = t.start();
      }
      argEnd = t.end();
    }
  }

  private static String closer(Token open) {
    return open.kind() == Kind.PAREN_OPEN
        ? "\")\""
        : open.kind() == Kind.BRACKET_OPEN ? "\"]\"" : "\"}\"";
  }

  private static WaveException unexpected(Lexer lex, Token t, String expected) {
    return new WaveException(
        "unexpected " + lex.found(t) + " at " + t.start() + " (expected " + expected + ")",
        t.start());
  }

  /** The whole text this call was parsed from. */
  public String source() {
    return source;
  }

  /** The function name as written, e.g. {@code wasi:cli/run@0.2.0#run}. */
  public String name() {
    return source.substring(nameStart, name.end);
  }

  /**
   * The exported instance the function belongs to, spelled as component export names are: {@code
   * ns:pkg/iface@1.2.3} (the version wherever it was written), {@code ns:pkg/iface}, or a plain
   * {@code iface}; null for a bare function name.
   */
  public String interfaceName() {
    return name.interfaceName;
  }

  /** The package of a qualified interface, {@code ns:pkg}, or null. */
  public String packageName() {
    return name.packageName;
  }

  /** The version written with a qualified interface, e.g. {@code 0.2.0}, or null. */
  public String version() {
    return name.version;
  }

  /** The function's own name, e.g. {@code handle}; never null. */
  public String function() {
    return name.function;
  }

  /** The arguments' source texts, in order, not yet parsed. */
  public List<String> argumentTexts() {
    List<String> texts = new ArrayList<>(spans.size());
    for (int[] span : spans) {
      texts.add(source.substring(span[0], span[1]));
    }
    return List.copyOf(texts);
  }

  /**
   * Reads the arguments as values of the parameters of {@code type}. Trailing parameters of option
   * type may be left out and are {@code none} (WAVE README, "Function arguments").
   *
   * @throws WaveException if there are too many arguments, a parameter that is not an option has no
   *     argument, or an argument is not a value of its parameter's type; the message names the
   *     parameter and the offset is into {@link #source()}
   */
  public List<Val> arguments(FuncType type) throws WaveException {
    List<FuncType.Param> params = type.params();
    if (spans.size() > params.size()) {
      int at = spans.get(params.size())[0];
      throw new WaveException(
          "too many arguments at "
              + at
              + ": "
              + function()
              + " takes "
              + params.size()
              + " ("
              + type.wit()
              + "), found "
              + spans.size(),
          at);
    }
    List<Val> values = new ArrayList<>(params.size());
    for (int i = 0; i < params.size(); i++) {
      FuncType.Param p = params.get(i);
      if (i >= spans.size()) {
        if (!(p.type() instanceof OptionType)) {
          throw new WaveException(
              "missing argument for parameter "
                  + p.name()
                  + ": "
                  + ValueParser.describe(p.type())
                  + " at "
                  + close
                  + " ("
                  + function()
                  + " is "
                  + type.wit()
                  + ")",
              close);
        }
        values.add(Val.Option.none());
        continue;
      }
      try {
        values.add(Wave.parse(source, spans.get(i)[0], spans.get(i)[1], p.type()));
      } catch (WaveException e) {
        throw new WaveException("parameter " + p.name() + ": " + e.getMessage(), e.offset());
      }
    }
    return List.copyOf(values);
  }

  /** The call as written. */
  @Override
  public String toString() {
    return source.strip();
  }
}
