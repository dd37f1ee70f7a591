package dev.wasihttp.component.wave;

/**
 * The function name at the start of a call expression, split into its parts. The accepted forms are
 * those listed on {@link WaveCall}; anything else is refused with a hint.
 */
final class CallName {
  final String interfaceName;
  final String function;
  final String packageName;
  final String version;
  final int end;

  private CallName(String packageName, String iface, String version, String function, int end) {
    this.packageName = packageName;
    this.version = version;
    this.function = function;
    this.end = end;
    if (iface == null) {
      this.interfaceName = null;
    } else {
      String qualified = packageName == null ? iface : packageName + "/" + iface;
      this.interfaceName = version == null ? qualified : qualified + "@" + version;
    }
  }

  /** Reads the name that starts at {@code pos} (after any whitespace). */
  static CallName read(String src, int pos) throws WaveException {
    Reader r = new Reader(src, pos);
    String first = r.label("a function name");
    if (r.eat(':')) {
      String pkg = first + ":" + r.label("a package name after \":\"");
      r.require('/', "after the package name " + pkg + " (write " + pkg + "/iface.func)");
      String iface = r.label("an interface name after \"/\"");
      if (r.eat('@')) {
        String version = r.version();
        if (r.peek() == '.') {
          String fn = r.functionAfterDot();
          throw r.error(
              "a version goes after the function name: "
                  + pkg
                  + "/"
                  + iface
                  + "."
                  + fn
                  + "@"
                  + version
                  + ", or before a #: "
                  + pkg
                  + "/"
                  + iface
                  + "@"
                  + version
                  + "#"
                  + fn);
        }
        r.require('#', "after the version (write " + pkg + "/" + iface + "@" + version + "#func)");
        return new CallName(pkg, iface, version, r.label("a function name after \"#\""), r.pos);
      }
      if (r.eat('#')) {
        return new CallName(pkg, iface, null, r.label("a function name after \"#\""), r.pos);
      }
      r.require(
          '.', "and a function name after the interface (write " + pkg + "/" + iface + ".func)");
      String function = r.label("a function name after \".\"");
      String version = r.eat('@') ? r.version() : null;
      return new CallName(pkg, iface, version, function, r.pos);
    }
    if (r.eat('.') || r.eat('#')) {
      String function = r.label("a function name");
      r.refuseVersion();
      return new CallName(null, first, null, function, r.pos);
    }
    r.refuseVersion();
    return new CallName(null, null, null, first, r.pos);
  }

  /** A cursor over the name's characters. */
  private static final class Reader {
    private final String src;
    private int pos;

    Reader(String src, int pos) {
      this.src = src;
      this.pos = pos;
    }

    char peek() {
      return pos < src.length() ? src.charAt(pos) : '\0';
    }

    boolean eat(char c) {
      if (peek() == c) {
        pos++;
        return true;
      }
      return false;
    }

    void require(char c, String context) throws WaveException {
      if (!eat(c)) {
        throw error("expected \"" + c + "\" " + context);
      }
    }

    void refuseVersion() throws WaveException {
      if (peek() == '@') {
        throw error(
            "a version needs a package-qualified interface: ns:pkg/iface.func@1.0.0 or"
                + " ns:pkg/iface@1.0.0#func");
      }
    }

    /**
     * For a hint: the name after the {@code .} at the cursor, or {@code func}; keeps the cursor.
     */
    String functionAfterDot() {
      int save = pos;
      try {
        pos++;
        return label("a function name");
      } catch (WaveException e) {
        return "func";
      } finally {
        pos = save;
      }
    }

    WaveException error(String message) {
      return new WaveException(message + " at " + pos, pos);
    }

    /** A kebab-case name, optionally with WIT's {@code %} prefix (dropped). */
    String label(String what) throws WaveException {
      int start = pos;
      eat('%');
      int nameStart = pos;
      while (pos < src.length() && Labels.isLabelChar(src.charAt(pos))) {
        pos++;
      }
      String name = src.substring(nameStart, pos);
      String problem = Labels.problem(name);
      if (problem != null) {
        pos = start;
        throw error(
            "expected "
                + what
                + ", found "
                + (name.isEmpty()
                    ? Lexer.quote(rest())
                    : Lexer.quote(name) + " (" + problem + ")"));
      }
      return name;
    }

    /** A semantic version: {@code MAJOR.MINOR.PATCH}, optional {@code -pre} and {@code +build}. */
    String version() throws WaveException {
      int start = pos;
      for (int part = 0; part < 3; part++) {
        if (part > 0 && !eat('.')) {
          break;
        }
        int digits = pos;
        while (pos < src.length() && Character.isDigit(src.charAt(pos)) && src.charAt(pos) < 0x80) {
          pos++;
        }
        boolean leadingZero = pos - digits > 1 && src.charAt(digits) == '0';
        if (pos == digits || leadingZero) {
          pos = start;
          throw error("expected a version such as 0.2.0 after \"@\", found " + Lexer.quote(rest()));
        }
        if (part == 2) {
          identifiers('-');
          identifiers('+');
          return src.substring(start, pos);
        }
      }
      pos = start;
      throw error("expected a version such as 0.2.0 after \"@\", found " + Lexer.quote(rest()));
    }

    /** Dot-separated {@code [0-9A-Za-z-]+} identifiers after {@code lead}, if present. */
    private void identifiers(char lead) throws WaveException {
      if (!eat(lead)) {
        return;
      }
      do {
        int from = pos;
        while (pos < src.length() && isIdentifierChar(src.charAt(pos))) {
          pos++;
        }
        if (pos == from) {
          throw error("expected a version identifier after \"" + src.charAt(pos - 1) + "\"");
        }
      } while (peek() == '.'
          && pos + 1 < src.length()
          && isIdentifierChar(src.charAt(pos + 1))
          && eat('.'));
    }

    private static boolean isIdentifierChar(char c) {
      return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
    }

    private String rest() {
      int stop = pos;
      while (stop < src.length() && "(\n".indexOf(src.charAt(stop)) < 0) {
        stop++;
      }
      return src.substring(pos, stop);
    }
  }
}
