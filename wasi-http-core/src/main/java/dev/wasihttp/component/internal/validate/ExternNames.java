package dev.wasihttp.component.internal.validate;

import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.component.internal.binary.ExternName;
import java.util.Locale;

/**
 * The syntax of import and export names (Explainer.md, "Import and Export Definitions"): plain
 * names in kebab case with optional {@code [constructor]}, {@code [method]} and {@code [static]}
 * annotations, and interface names {@code ns:pkg/iface@semver}; plus the canonical form used to
 * decide strong uniqueness ("Name Uniqueness").
 */
final class ExternNames {
  /** The annotation of a plain name. */
  enum Annotation {
    NONE,
    CONSTRUCTOR,
    METHOD,
    STATIC,
    INTERFACE
  }

  /**
   * A parsed name.
   *
   * @param resource the resource label of an annotated name, else null
   * @param key the canonical form two names conflict on when equal
   */
  record Parsed(String name, Annotation annotation, String resource, String key) {}

  private ExternNames() {}

  /** Parses and validates an extern name with its attributes. */
  static Parsed parse(ExternName n, long at) throws ComponentException {
    String s = n.name();
    Parsed p;
    if (s.startsWith("[constructor]")) {
      String r = s.substring("[constructor]".length());
      label(r, s, at);
      p = new Parsed(s, Annotation.CONSTRUCTOR, r, "[constructor]" + lower(r));
    } else if (s.startsWith("[method]") || s.startsWith("[static]")) {
      boolean method = s.startsWith("[method]");
      String rest = s.substring(8);
      int dot = rest.indexOf('.');
      if (dot < 0) {
        throw Invalid.at(at, "failed to find `.` character in `" + s + "`");
      }
      String r = rest.substring(0, dot);
      String f = rest.substring(dot + 1);
      label(r, s, at);
      label(f, s, at);
      String key = lower(r).equals(lower(f)) ? lower(f) : lower(r) + "." + lower(f);
      p = new Parsed(s, method ? Annotation.METHOD : Annotation.STATIC, r, key);
    } else if (s.indexOf(':') >= 0 || s.indexOf('/') >= 0 || s.indexOf('@') >= 0) {
      interfaceName(s, at);
      p = new Parsed(s, Annotation.INTERFACE, null, lower(s));
    } else {
      if (!isLabel(s)) {
        throw Invalid.at(at, "`" + s + "` is not in kebab case (not a valid extern name)");
      }
      p = new Parsed(s, Annotation.NONE, null, lower(s));
    }
    if (n.implementsName() != null) {
      String i = n.implementsName();
      if (i.isEmpty()) {
        throw Invalid.at(at, "`implements` name `` is not a valid name");
      }
      if (i.indexOf(':') < 0) {
        throw Invalid.at(at, "`implements` name `" + i + "` must be an interface name");
      }
      interfaceName(i, at);
      if (p.annotation() != Annotation.NONE) {
        throw Invalid.at(at, "name `" + s + "` is not valid with `implements`");
      }
    }
    return p;
  }

  /** Checks a record field, case, flag, enum or parameter label. */
  static void checkLabel(String label, String what, long at) throws ComponentException {
    if (label.isEmpty()) {
      throw Invalid.at(at, what + " name cannot be empty");
    }
    if (!isLabel(label)) {
      throw Invalid.at(at, what + " name `" + label + "` is not in kebab case");
    }
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  private static void label(String l, String whole, long at) throws ComponentException {
    if (!isLabel(l)) {
      throw Invalid.at(at, "`" + l + "` in `" + whole + "` is not in kebab case");
    }
  }

  /** {@code label ::= first-fragment ('-' fragment)*}; a fragment is all lower or all upper. */
  static boolean isLabel(String s) {
    if (s.isEmpty()) {
      return false;
    }
    String[] parts = s.split("-", -1);
    for (int i = 0; i < parts.length; i++) {
      String f = parts[i];
      if (f.isEmpty() || (i == 0 && !Character.isLetter(f.charAt(0)))) {
        return false;
      }
      boolean lower = false;
      boolean upper = false;
      for (int j = 0; j < f.length(); j++) {
        char c = f.charAt(j);
        if (c >= 'a' && c <= 'z') {
          lower = true;
        } else if (c >= 'A' && c <= 'Z') {
          upper = true;
        } else if (c < '0' || c > '9') {
          return false;
        }
      }
      if (lower && upper) {
        return false;
      }
    }
    return true;
  }

  /** {@code words ::= first-word ('-' word)*}: a lowercase label. */
  private static void words(String w, long at) throws ComponentException {
    if (!isLabel(w) || !w.equals(lower(w))) {
      throw Invalid.at(at, "`" + w + "` is not in kebab case (not a valid extern name)");
    }
  }

  /** {@code interfacename ::= namespace words projection version?}. */
  static void interfaceName(String s, long at) throws ComponentException {
    int colon = s.indexOf(':');
    if (colon < 0) {
      throw Invalid.at(at, "`" + s + "` is not in kebab case (not a valid extern name)");
    }
    words(s.substring(0, colon), at);
    String rest = s.substring(colon + 1);
    int slash = rest.indexOf('/');
    if (slash < 0 || rest.substring(0, slash).indexOf(':') >= 0) {
      int c = rest.indexOf(':');
      if (c >= 0 && (slash < 0 || c < slash)) {
        throw Invalid.at(at, "expected `/` after package name in `" + s + "`");
      }
      words(rest, at);
      throw Invalid.at(at, "expected `/` after package name in `" + s + "`");
    }
    words(rest.substring(0, slash), at);
    String iface = rest.substring(slash + 1);
    String version = null;
    int atSign = iface.indexOf('@');
    if (atSign >= 0) {
      version = iface.substring(atSign + 1);
      iface = iface.substring(0, atSign);
    }
    int more = iface.indexOf('/');
    if (more >= 0) {
      throw Invalid.at(at, "trailing characters found: `" + iface.substring(more) + "`");
    }
    if (!isLabel(iface)) {
      throw Invalid.at(at, "`" + iface + "` is not in kebab case (not a valid extern name)");
    }
    if (version != null) {
      semver(version, at);
    }
  }

  /** A valid semver 2.0 version: {@code N.N.N(-pre)?(+build)?}. */
  static void semver(String v, long at) throws ComponentException {
    if (v.isEmpty()) {
      throw Invalid.at(at, "invalid version: empty string");
    }
    int i = 0;
    for (int part = 0; part < 3; part++) {
      if (part > 0) {
        if (i >= v.length()) {
          throw Invalid.at(at, "invalid version `" + v + "`: unexpected end of input");
        }
        if (v.charAt(i) != '.') {
          throw unexpected(v, i, at);
        }
        i++;
      }
      int start = i;
      while (i < v.length() && Character.isDigit(v.charAt(i))) {
        i++;
      }
      if (i == start) {
        if (i >= v.length()) {
          throw Invalid.at(at, "invalid version `" + v + "`: unexpected end of input");
        }
        throw unexpected(v, i, at);
      }
      if (i - start > 1 && v.charAt(start) == '0') {
        throw Invalid.at(at, "invalid version `" + v + "`: invalid leading zero");
      }
    }
    if (i < v.length() && v.charAt(i) == '-') {
      i = identifiers(v, i + 1, at);
    }
    if (i < v.length() && v.charAt(i) == '+') {
      i = identifiers(v, i + 1, at);
    }
    if (i < v.length()) {
      throw unexpected(v, i, at);
    }
  }

  private static int identifiers(String v, int i, long at) throws ComponentException {
    while (true) {
      int start = i;
      while (i < v.length()
          && (Character.isLetterOrDigit(v.charAt(i)) || v.charAt(i) == '-')
          && v.charAt(i) < 0x80) {
        i++;
      }
      if (i == start) {
        throw Invalid.at(at, "invalid version `" + v + "`: empty identifier segment");
      }
      if (i < v.length() && v.charAt(i) == '.') {
        i++;
      } else {
        return i;
      }
    }
  }

  private static ComponentException unexpected(String v, int i, long at) {
    return Invalid.at(
        at, "invalid version `" + v + "`: unexpected character '" + v.charAt(i) + "'");
  }
}
