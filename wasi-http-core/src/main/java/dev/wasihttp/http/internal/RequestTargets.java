package dev.wasihttp.http.internal;

/** Syntax checks of the parts of an outgoing request's target, as Wasmtime's setters make them. */
final class RequestTargets {
  private RequestTargets() {}

  /** {@code ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )} (RFC 3986 §3.1). */
  static boolean isScheme(String s) {
    if (s.isEmpty() || !Character.isLetter(s.charAt(0)) || s.charAt(0) > 0x7f) {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '+'
              || c == '-'
              || c == '.';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** Visible ASCII without {@code #}: an origin-form (or {@code *}) target. */
  static boolean isPathWithQuery(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= 0x20 || c >= 0x7f || c == '#') {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code host[:port]}: a host of unreserved and sub-delim characters or an IP literal in
   * brackets, and a port of 1-5 digits up to 65535 when there is a colon ({@code host:}, {@code
   * host:abc} and {@code :65536} are refused, {@code [::]:443} is fine).
   */
  static boolean isAuthority(String s) {
    String host = s;
    String port = null;
    if (s.startsWith("[")) {
      int end = s.indexOf(']');
      if (end < 0) {
        return false;
      }
      host = s.substring(0, end + 1);
      String rest = s.substring(end + 1);
      if (!rest.isEmpty()) {
        if (rest.charAt(0) != ':') {
          return false;
        }
        port = rest.substring(1);
      }
      for (int i = 1; i < host.length() - 1; i++) {
        char c = host.charAt(i);
        if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.') || c > 0x7f) {
          return false;
        }
      }
    } else {
      int colon = s.lastIndexOf(':');
      if (colon >= 0) {
        host = s.substring(0, colon);
        port = s.substring(colon + 1);
      }
      for (int i = 0; i < host.length(); i++) {
        char c = host.charAt(i);
        boolean ok =
            (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || "-._~!$&'()*+,;=%@".indexOf(c) >= 0;
        if (!ok) {
          return false;
        }
      }
    }
    if (port != null) {
      if (port.isEmpty() || port.length() > 5) {
        return false;
      }
      for (int i = 0; i < port.length(); i++) {
        if (port.charAt(i) < '0' || port.charAt(i) > '9') {
          return false;
        }
      }
      return Integer.parseInt(port) <= 65535;
    }
    return true;
  }
}
