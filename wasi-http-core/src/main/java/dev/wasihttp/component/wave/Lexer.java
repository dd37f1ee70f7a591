package dev.wasihttp.component.wave;

import dev.wasihttp.component.wave.Token.Kind;

/**
 * Splits WAVE text into tokens, skipping whitespace ({@code [ \t\n\r]}) and {@code //} comments
 * (wave_ebnf.md). Works on {@code src[start, end)} so offsets stay those of the whole text.
 */
final class Lexer {
  private static final int SNIPPET = 32;

  private final String src;
  private final int end;
  private int pos;
  private Token peeked;

  Lexer(String src, int start, int end) {
    this.src = src;
    this.pos = start;
    this.end = end;
  }

  /** The source text the offsets refer to. */
  String source() {
    return src;
  }

  /** The next token, without consuming it. */
  Token peek() throws WaveException {
    if (peeked == null) {
      peeked = read();
    }
    return peeked;
  }

  /** Consumes and returns the next token. */
  Token next() throws WaveException {
    Token t = peek();
    peeked = null;
    return t;
  }

  /** Consumes the next token, which must be of kind {@code kind}. */
  Token expect(Kind kind, String context) throws WaveException {
    Token t = next();
    if (t.kind() != kind) {
      throw new WaveException(
          "expected "
              + kind.description()
              + " "
              + context
              + " at "
              + t.start()
              + ", found "
              + found(t),
          t.start());
    }
    return t;
  }

  /** How a message shows what was found: the token's source text, quoted and shortened. */
  String found(Token t) {
    if (t.kind() == Kind.END) {
      return "end of input";
    }
    String text = shorten(src.substring(t.start(), t.end()));
    if (t.kind() == Kind.STRING) {
      return "a string " + text;
    } else if (t.kind() == Kind.CHAR) {
      return "a char " + text;
    }
    return "\"" + text + "\"";
  }

  /** {@code text} quoted for a message, shortened to a few dozen chars. */
  static String quote(String text) {
    return "\"" + shorten(text) + "\"";
  }

  private static String shorten(String text) {
    String s = text.length() > SNIPPET ? text.substring(0, SNIPPET) + "..." : text;
    return s.replace("\n", "\\n");
  }

  private Token read() throws WaveException {
    skipSpaceAndComments();
    if (pos >= end) {
      return new Token(Kind.END, end, end, "");
    }
    int start = pos;
    char c = src.charAt(pos);
    switch (c) {
      case '{':
        return single(Kind.BRACE_OPEN);
      case '}':
        return single(Kind.BRACE_CLOSE);
      case '(':
        return single(Kind.PAREN_OPEN);
      case ')':
        return single(Kind.PAREN_CLOSE);
      case '[':
        return single(Kind.BRACKET_OPEN);
      case ']':
        return single(Kind.BRACKET_CLOSE);
      case ':':
        return single(Kind.COLON);
      case ',':
        return single(Kind.COMMA);
      case '\'':
        return readChar();
      case '"':
        return src.startsWith("\"\"\"", pos) && pos + 3 <= end ? readMultiline() : readString();
      default:
        break;
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      return readNumber();
    }
    if (c == '%' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      return readLabel();
    }
    throw new WaveException(
        "unexpected character "
            + quote(new String(Character.toChars(src.codePointAt(start))))
            + " at "
            + start,
        start);
  }

  private void skipSpaceAndComments() throws WaveException {
    while (pos < end) {
      char c = src.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        pos++;
      } else if (c == '/' && pos + 1 < end && src.charAt(pos + 1) == '/') {
        while (pos < end && src.charAt(pos) != '\n') {
          pos++;
        }
      } else if (c == '/') {
        throw new WaveException(
            "unexpected character \"/\" at " + pos + " (comments start //)", pos);
      } else {
        return;
      }
    }
  }

  private Token single(Kind kind) {
    pos++;
    return new Token(kind, pos - 1, pos, src.substring(pos - 1, pos));
  }

  /** {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?} or {@code -inf}. */
  private Token readNumber() throws WaveException {
    int start = pos;
    int i = pos;
    if (src.charAt(i) == '-') {
      i++;
      if (src.startsWith("inf", i) && i + 3 <= end && (i + 3 == end || !wordChar(i + 3))) {
        pos = i + 3;
        return new Token(Kind.NUMBER, start, pos, "-inf");
      }
    }
    int digits = digits(i);
    boolean ok = digits > 0 && (digits == 1 || src.charAt(i) != '0');
    i += digits;
    if (ok && i < end && src.charAt(i) == '.') {
      int fraction = digits(i + 1);
      ok = fraction > 0;
      i += 1 + fraction;
    }
    if (ok && i < end && (src.charAt(i) == 'e' || src.charAt(i) == 'E')) {
      int j = i + 1;
      if (j < end && (src.charAt(j) == '+' || src.charAt(j) == '-')) {
        j++;
      }
      int exponent = digits(j);
      ok = exponent > 0;
      i = j + exponent;
    }
    if (!ok || (i < end && wordChar(i))) {
      int j = i;
      while (j < end && (wordChar(j) || "+-".indexOf(src.charAt(j)) >= 0)) {
        j++;
      }
      String text = src.substring(start, Math.max(j, start + 1));
      throw new WaveException(
          "invalid number " + quote(text) + " at " + start + numberHint(text), start);
    }
    pos = i;
    return new Token(Kind.NUMBER, start, i, src.substring(start, i));
  }

  private static String numberHint(String text) {
    String digits = text.startsWith("-") ? text.substring(1) : text;
    if (digits.length() > 1 && digits.charAt(0) == '0' && Character.isDigit(digits.charAt(1))) {
      return " (no leading zeros)";
    }
    if (digits.startsWith("0x") || digits.startsWith("0X") || digits.startsWith("0b")) {
      return " (integers are decimal)";
    }
    return "";
  }

  private int digits(int from) {
    int i = from;
    while (i < end && src.charAt(i) >= '0' && src.charAt(i) <= '9') {
      i++;
    }
    return i - from;
  }

  private boolean wordChar(int i) {
    char c = src.charAt(i);
    return Labels.isLabelChar(c) || c == '.' || c == '_';
  }

  private Token readLabel() throws WaveException {
    int start = pos;
    int i = src.charAt(pos) == '%' ? pos + 1 : pos;
    int nameStart = i;
    while (i < end && Labels.isLabelChar(src.charAt(i))) {
      i++;
    }
    String name = src.substring(nameStart, i);
    String problem = Labels.problem(name);
    if (problem != null) {
      throw new WaveException(
          "invalid label "
              + quote(src.substring(start, Math.max(i, start + 1)))
              + " at "
              + start
              + " ("
              + problem
              + ")",
          start);
    }
    pos = i;
    return new Token(Kind.LABEL, start, i, src.substring(start, i));
  }

  private Token readChar() throws WaveException {
    int start = pos;
    int i = pos + 1;
    if (i >= end || src.charAt(i) == '\n') {
      throw new WaveException("unterminated char at " + start, start);
    }
    int codePoint;
    char c = src.charAt(i);
    if (c == '\'') {
      throw new WaveException(
          "empty char at " + start + " (a char holds one character; write '\\'' for a quote)",
          start);
    } else if (c == '\\') {
      int[] escape = Text.unescape(src, i, end);
      codePoint = escape[0];
      i += escape[1];
    } else {
      codePoint = src.codePointAt(i);
      i += Character.charCount(codePoint);
      if (Character.getType(codePoint) == Character.SURROGATE) {
        throw new WaveException("unpaired surrogate in char at " + start, start);
      }
    }
    if (i >= end || src.charAt(i) != '\'') {
      throw new WaveException(
          "expected \"'\" at "
              + i
              + " to close the char that starts at "
              + start
              + " (a char holds exactly one character; escape \\ ' and line breaks)",
          i);
    }
    pos = i + 1;
    return new Token(Kind.CHAR, start, pos, new String(Character.toChars(codePoint)));
  }

  private Token readString() throws WaveException {
    int start = pos;
    StringBuilder out = new StringBuilder();
    int i = pos + 1;
    while (true) {
      if (i >= end) {
        throw new WaveException("unterminated string that starts at " + start, start);
      }
      char c = src.charAt(i);
      if (c == '"') {
        break;
      } else if (c == '\n') {
        throw new WaveException(
            "line break in string at " + i + " (write \\n, or use a \"\"\" multiline string)", i);
      } else if (c == '\\') {
        int[] escape = Text.unescape(src, i, end);
        out.appendCodePoint(escape[0]);
        i += escape[1];
      } else {
        out.append(c);
        i++;
      }
    }
    pos = i + 1;
    return new Token(Kind.STRING, start, pos, out.toString());
  }

  private Token readMultiline() throws WaveException {
    int start = pos;
    int close = src.indexOf("\"\"\"", start + 3);
    if (close < 0 || close + 3 > end) {
      throw new WaveException("unterminated multiline string that starts at " + start, start);
    }
    String value = Text.multiline(src, start + 3, close);
    pos = close + 3;
    return new Token(Kind.STRING, start, pos, value);
  }
}
