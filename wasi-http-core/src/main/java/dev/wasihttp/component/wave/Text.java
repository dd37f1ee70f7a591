package dev.wasihttp.component.wave;

/**
 * Chars and strings: reading escapes and multiline strings, and writing escapes the way the
 * wasm-wave writer does (WAVE README, "Chars", "Strings", "Multiline Strings").
 */
final class Text {
  /** Characters of Unicode's Other_Grapheme_Extend that are not marks (Mn/Me) or format (Cf). */
  private static final int[][] OTHER_GRAPHEME_EXTEND = {
    {0x09be, 0x09be},
    {0x09d7, 0x09d7},
    {0x0b3e, 0x0b3e},
    {0x0b57, 0x0b57},
    {0x0bbe, 0x0bbe},
    {0x0bd7, 0x0bd7},
    {0x0cc2, 0x0cc2},
    {0x0cd5, 0x0cd6},
    {0x0d3e, 0x0d3e},
    {0x0d57, 0x0d57},
    {0x0dcf, 0x0dcf},
    {0x0ddf, 0x0ddf},
    {0x1b35, 0x1b35},
    {0x302e, 0x302f},
    {0xff9e, 0xff9f},
    {0x1133e, 0x1133e},
    {0x11357, 0x11357},
    {0x114b0, 0x114b0},
    {0x114bd, 0x114bd},
    {0x115af, 0x115af},
    {0x11930, 0x11930},
    {0x1d165, 0x1d165},
    {0x1d16e, 0x1d172},
  };

  private Text() {}

  /**
   * Reads the escape that starts with the backslash at {@code pos} and ends before {@code end}.
   *
   * @return the code point and the escape's length in chars
   */
  static int[] unescape(String src, int pos, int end) throws WaveException {
    if (pos + 1 >= end) {
      throw new WaveException("unterminated escape at " + pos, pos);
    }
    char c = src.charAt(pos + 1);
    switch (c) {
      case '\\':
      case '\'':
      case '"':
        return new int[] {c, 2};
      case 't':
        return new int[] {'\t', 2};
      case 'n':
        return new int[] {'\n', 2};
      case 'r':
        return new int[] {'\r', 2};
      case 'u':
        return unicodeEscape(src, pos, end);
      default:
        throw new WaveException(
            "invalid escape \"\\"
                + new String(Character.toChars(src.codePointAt(pos + 1)))
                + "\" at "
                + pos
                + " (escapes are \\\\ \\' \\\" \\t \\n \\r \\u{HEX})",
            pos);
    }
  }

  private static int[] unicodeEscape(String src, int pos, int end) throws WaveException {
    int i = pos + 2;
    if (i >= end || src.charAt(i) != '{') {
      throw new WaveException("invalid escape at " + pos + " (write \\u{HEX})", pos);
    }
    i++;
    int value = 0;
    int digits = 0;
    while (i < end && Character.digit(src.charAt(i), 16) >= 0 && src.charAt(i) < 0x80) {
      if (++digits > 6) {
        throw new WaveException(
            "invalid escape at " + pos + " (\\u{HEX} takes 1 to 6 hex digits)", pos);
      }
      value = value * 16 + Character.digit(src.charAt(i), 16);
      i++;
    }
    if (digits == 0 || i >= end || src.charAt(i) != '}') {
      throw new WaveException("invalid escape at " + pos + " (write \\u{HEX})", pos);
    }
    String text = src.substring(pos, i + 1);
    if (value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) {
      throw new WaveException(
          "invalid escape \"" + text + "\" at " + pos + " (not a Unicode scalar value)", pos);
    }
    return new int[] {value, i + 1 - pos};
  }

  /**
   * Decodes the content of a multiline string, {@code src[start, end)} between the {@code """}
   * delimiters: it must begin with a line break and end with a line break and spaces, whose count
   * is the indent removed from every line.
   */
  static String multiline(String src, int start, int end) throws WaveException {
    int first = start;
    if (first < end && src.charAt(first) == '\r') {
      first++;
    }
    if (first >= end || src.charAt(first) != '\n') {
      throw new WaveException(
          "invalid multiline string at "
              + start
              + ": the opening \"\"\" must be followed by a"
              + " line break",
          start);
    }
    int lastBreak = src.lastIndexOf('\n', end - 1);
    for (int i = lastBreak + 1; i < end; i++) {
      if (src.charAt(i) != ' ') {
        throw new WaveException(
            "invalid multiline string at "
                + end
                + ": the closing \"\"\" must be on its own"
                + " line, after spaces only",
            end);
      }
    }
    int indent = end - lastBreak - 1;
    StringBuilder out = new StringBuilder();
    int line = first + 1;
    boolean firstLine = true;
    while (line <= lastBreak) {
      int lineEnd = src.indexOf('\n', line);
      if (!firstLine) {
        out.append('\n');
      }
      firstLine = false;
      for (int i = 0; i < indent; i++) {
        if (line + i >= lineEnd || src.charAt(line + i) != ' ') {
          throw new WaveException(
              "invalid multiline string at "
                  + line
                  + ": each line must be indented at least as much as the closing \"\"\"",
              line);
        }
      }
      int contentEnd = lineEnd > line && src.charAt(lineEnd - 1) == '\r' ? lineEnd - 1 : lineEnd;
      appendDecoded(out, src, line + indent, contentEnd);
      line = lineEnd + 1;
    }
    return out.toString();
  }

  private static void appendDecoded(StringBuilder out, String src, int start, int end)
      throws WaveException {
    int i = start;
    while (i < end) {
      char c = src.charAt(i);
      if (c == '\\') {
        int[] escape = unescape(src, i, end);
        out.appendCodePoint(escape[0]);
        i += escape[1];
      } else {
        out.append(c);
        i++;
      }
    }
  }

  /**
   * Appends {@code codePoint} as the wasm-wave writer does: {@code \\ \" \' \t \r \n} as backslash
   * escapes (in chars and strings alike), control characters and those Rust's {@code
   * char::escape_debug} escapes (grapheme extenders; separators, format, private-use, surrogate and
   * unassigned characters other than the space) as <code>&#92;u{hex}</code>, anything else as
   * itself. Character properties come from the running JVM's Unicode tables.
   */
  static void appendEscaped(StringBuilder out, int codePoint) {
    switch (codePoint) {
      case '\\':
        out.append("\\\\");
        return;
      case '"':
        out.append("\\\"");
        return;
      case '\'':
        out.append("\\'");
        return;
      case '\t':
        out.append("\\t");
        return;
      case '\r':
        out.append("\\r");
        return;
      case '\n':
        out.append("\\n");
        return;
      default:
        break;
    }
    if (needsUnicodeEscape(codePoint)) {
      out.append("\\u{").append(Integer.toHexString(codePoint)).append('}');
    } else {
      out.appendCodePoint(codePoint);
    }
  }

  private static boolean needsUnicodeEscape(int codePoint) {
    switch (Character.getType(codePoint)) {
      case Character.CONTROL:
      case Character.FORMAT:
      case Character.SURROGATE:
      case Character.PRIVATE_USE:
      case Character.UNASSIGNED:
      case Character.LINE_SEPARATOR:
      case Character.PARAGRAPH_SEPARATOR:
      case Character.NON_SPACING_MARK:
      case Character.ENCLOSING_MARK:
        return true;
      case Character.SPACE_SEPARATOR:
        return codePoint != ' ';
      default:
        for (int[] range : OTHER_GRAPHEME_EXTEND) {
          if (codePoint >= range[0] && codePoint <= range[1]) {
            return true;
          }
        }
        return false;
    }
  }
}
