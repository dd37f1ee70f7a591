package dev.wasihttp.component.wave;

/**
 * One WAVE token: its kind, its span {@code [start, end)} in the source, and its text (the decoded
 * value for chars and strings, the source text otherwise, with any {@code %} prefix).
 */
record Token(Token.Kind kind, int start, int end, String text) {

  /** Token kinds. */
  enum Kind {
    BRACE_OPEN("\"{\""),
    BRACE_CLOSE("\"}\""),
    PAREN_OPEN("\"(\""),
    PAREN_CLOSE("\")\""),
    BRACKET_OPEN("\"[\""),
    BRACKET_CLOSE("\"]\""),
    COLON("\":\""),
    COMMA("\",\""),
    NUMBER("a number"),
    LABEL("a label"),
    CHAR("a char"),
    STRING("a string"),
    END("end of input");

    private final String description;

    Kind(String description) {
      this.description = description;
    }

    /** How messages name this kind, e.g. {@code "]"} or {@code a label}. */
    String description() {
      return description;
    }
  }

  /** Whether this is the keyword {@code word} written without {@code %}. */
  boolean isKeyword(String word) {
    return kind == Kind.LABEL && text.equals(word);
  }

  /** Whether this is a label that is a keyword (written without {@code %}). */
  boolean isAnyKeyword() {
    return kind == Kind.LABEL && Labels.KEYWORDS.contains(text);
  }

  /** The label's name, without any {@code %} prefix. */
  String label() {
    return text.startsWith("%") ? text.substring(1) : text;
  }
}
