package dev.wasihttp.component.wave;

import java.util.Set;

/**
 * WAVE labels (kebab-case names of fields, cases and flags) and keywords (WAVE README, "Keywords"
 * and "Labels").
 */
final class Labels {
  /** Tokens that are never read as a label unless prefixed with {@code %}. */
  static final Set<String> KEYWORDS =
      Set.of("true", "false", "some", "none", "ok", "err", "inf", "nan");

  private Labels() {}

  /** Whether {@code c} may appear in a label's run of characters. */
  static boolean isLabelChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
  }

  /**
   * Why {@code label} (without {@code %}) is not a valid label, or null when it is. A label is
   * hyphen-separated words; the first word starts with a letter; each word is all lowercase or all
   * uppercase (digits allowed), as the wasm-wave lexer accepts.
   */
  static String problem(String label) {
    if (label.isEmpty()) {
      return "empty label";
    }
    if (!isLetter(label.charAt(0))) {
      return "a label starts with an ASCII letter";
    }
    for (String word : label.split("-", -1)) {
      if (word.isEmpty()) {
        return "hyphens separate non-empty words";
      }
      boolean lower = false;
      boolean upper = false;
      for (int i = 0; i < word.length(); i++) {
        char c = word.charAt(i);
        if (c >= 'a' && c <= 'z') {
          lower = true;
        } else if (c >= 'A' && c <= 'Z') {
          upper = true;
        } else if (c < '0' || c > '9') {
          return "labels hold ASCII letters, digits and hyphens";
        }
      }
      if (lower && upper) {
        return "each word is all lowercase or all uppercase";
      }
    }
    return null;
  }

  /** {@code name} as written in a case position: with {@code %} when it is a keyword. */
  static String escaped(String name) {
    return KEYWORDS.contains(name) ? "%" + name : name;
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
