package dev.wasihttp.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One of {@code serve}'s routes: the requests under a path prefix go to a component. {@code --route
 * /api=api.wasm} serves {@code /api} and every path below it ({@code /api/...}, not {@code /apis});
 * among the routes that match a path the longest prefix wins (as Spin's routes); {@code /} (or the
 * positional component) takes every path no other route takes. Each route is its own servlet,
 * mapped at {@code /api/*} (the servlet API's longest-prefix rule is the one above).
 *
 * @param prefix {@code /} or a path without a trailing slash, e.g. {@code /api/v1}
 * @param component the component file as given
 */
record Route(String prefix, String component) {
  /** The catch-all prefix. */
  static final String ALL = "/";

  /** The servlet's URL pattern: {@code /} for the catch-all, else {@code /prefix/*}. */
  String mapping() {
    return prefix.equals(ALL) ? ALL : prefix + "/*";
  }

  /**
   * The servlet's name, which names its JMX counters: {@code wasi-http} for the catch-all (as
   * without routes), {@code wasi-http/api} for {@code /api}.
   */
  String servletName() {
    return prefix.equals(ALL) ? "wasi-http" : "wasi-http" + prefix;
  }

  /**
   * Parses {@code --route PREFIX=COMPONENT}. The prefix starts with {@code /}; a trailing {@code /}
   * and Spin's {@code /...} are dropped ({@code /api/}, {@code /api/...} and {@code /api} are one
   * prefix); it holds no empty, {@code .} or {@code ..} segment and none of {@code * ? # % ;} or
   * white space, whose meaning in a servlet mapping would differ from the path's.
   *
   * @throws IllegalArgumentException naming the malformed route
   */
  static Route parse(String spec) {
    int eq = spec.indexOf('=');
    if (eq <= 0 || eq == spec.length() - 1) {
      throw malformed(spec, "expected /PREFIX=COMPONENT.wasm");
    }
    String prefix = spec.substring(0, eq);
    String component = spec.substring(eq + 1);
    if (!prefix.startsWith("/")) {
      throw malformed(spec, "the prefix must start with /");
    }
    if (prefix.endsWith("/...")) {
      prefix = prefix.substring(0, prefix.length() - 4);
    }
    if (prefix.length() > 1 && prefix.endsWith("/")) {
      prefix = prefix.substring(0, prefix.length() - 1);
    }
    if (prefix.isEmpty()) {
      prefix = ALL;
    }
    for (int i = 0; i < prefix.length(); i++) {
      char c = prefix.charAt(i);
      if ("*?#%;".indexOf(c) >= 0 || Character.isWhitespace(c) || Character.isISOControl(c)) {
        throw malformed(spec, "the prefix may not hold '" + c + "'");
      }
    }
    if (!prefix.equals(ALL)) {
      for (String segment : prefix.substring(1).split("/", -1)) {
        if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
          throw malformed(spec, "the prefix may not hold an empty, . or .. segment");
        }
      }
    }
    return new Route(prefix, component);
  }

  /**
   * The routes of {@code specs} with the positional component (null: none) as the catch-all,
   * longest prefix first.
   *
   * @throws IllegalArgumentException for a malformed route, or a prefix given twice
   */
  static List<Route> all(List<String> specs, String positional) {
    Map<String, Route> byPrefix = new LinkedHashMap<>();
    for (String spec : specs) {
      add(byPrefix, parse(spec), "--route " + spec);
    }
    if (positional != null) {
      add(byPrefix, new Route(ALL, positional), positional);
    }
    List<Route> routes = new ArrayList<>(byPrefix.values());
    routes.sort(Comparator.comparingInt((Route r) -> r.prefix().length()).reversed());
    return routes;
  }

  private static void add(Map<String, Route> byPrefix, Route route, String given) {
    Route before = byPrefix.putIfAbsent(route.prefix(), route);
    if (before != null) {
      throw new IllegalArgumentException(
          (given.startsWith("--route") ? given : "the component " + given)
              + ": the prefix "
              + route.prefix()
              + " is already routed to "
              + before.component()
              + (route.prefix().equals(ALL)
                  ? " (the positional component is the catch-all /)"
                  : ""));
    }
  }

  private static IllegalArgumentException malformed(String spec, String why) {
    return new IllegalArgumentException("--route " + spec + ": " + why);
  }
}
