package dev.wasihttp.servlet.internal.mount;

import static dev.wasihttp.servlet.internal.mount.WebInfWasmInitializer.DIRECTORY;
import static dev.wasihttp.servlet.internal.mount.WebInfWasmInitializer.MOUNT;
import static dev.wasihttp.servlet.internal.mount.WebInfWasmInitializer.PARAM_PREFIX;
import static dev.wasihttp.servlet.internal.mount.WebInfWasmInitializer.PREFIX;

import dev.wasihttp.servlet.ChainMember;
import dev.wasihttp.servlet.InitParams;
import dev.wasihttp.servlet.WasiHttpServletOptions;
import jakarta.servlet.Registration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * What {@link WebInfWasmInitializer} mounts: one servlet per {@code /WEB-INF/wasm/NAME.wasm} that
 * no declared servlet or filter serves and no chain names, its init-params from {@code
 * NAME.properties} and the context-params {@code wasi-http.NAME.*}, every setting checked before
 * anything is registered.
 */
final class WasmMounts {
  /** A name that is one URL path segment as it is (RFC 3986's unreserved characters). */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._~-]*");

  private WasmMounts() {}

  /**
   * One component to mount: servlet {@code servletName} at {@code pattern} with {@code initParams},
   * which parse into {@code options}; {@code settings} says where they came from, for the log.
   */
  record Mount(
      String name,
      String servletName,
      String pattern,
      Map<String, String> initParams,
      WasiHttpServletOptions options,
      String settings) {

    /** {@code /WEB-INF/wasm/NAME.wasm}. */
    String location() {
      return DIRECTORY + name + ".wasm";
    }
  }

  /**
   * The components to mount in {@code context}, in name order; each one left out is said in one
   * line to {@code log}.
   *
   * @throws ServletException naming the context-param or file whose setting is invalid
   */
  static List<Mount> plan(ServletContext context, Consumer<String> log) throws ServletException {
    if (!enabled(context)) {
      log.accept("context-param " + MOUNT + " is false: nothing in " + DIRECTORY + " is mounted");
      return List.of();
    }
    String prefix = prefix(context);
    Set<String> files = files(context);
    List<String> names = componentNames(files);
    Map<String, Map<String, String>> contextSettings = contextSettings(context, names, log);
    Map<String, ? extends ServletRegistration> servlets = context.getServletRegistrations();
    // Every mount's settings are read first: a component another's chain names is left out.
    Map<String, String> skips = new TreeMap<>();
    Map<String, Mount> candidates = new TreeMap<>();
    for (String name : names) {
      String location = DIRECTORY + name + ".wasm";
      String servletName = "wasm:" + name;
      String pattern = prefix + "/" + name + "/*";
      String file = DIRECTORY + name + ".properties";
      String declarer = declaredBy(context, location);
      String chainer = declarer == null ? chainedBy(context, location) : null;
      String mapper = mappedBy(servlets, pattern);
      if (!NAME.matcher(name).matches()) {
        skips.put(
            name, "its name is not one URL path segment (letters, digits, '.', '_', '~', '-')");
      } else if (declarer != null) {
        skips.put(name, declarer + " serves it (with its own mapping and init-params)");
      } else if (chainer != null) {
        skips.put(name, memberOf(chainer));
      } else if (servlets.containsKey(servletName)) {
        skips.put(name, "a servlet named " + servletName + " exists");
      } else if (mapper != null) {
        skips.put(name, pattern + " is mapped to servlet " + mapper);
      } else {
        Map<String, String> fromFile =
            files.contains(file) ? properties(context, file, name) : null;
        candidates.put(
            name,
            mount(
                name,
                servletName,
                pattern,
                fromFile,
                contextSettings.getOrDefault(name, Map.of())));
      }
    }
    List<Mount> mounts = new ArrayList<>();
    for (String name : names) {
      Mount mount = candidates.get(name);
      String skip = skips.get(name);
      if (mount != null) {
        String caller = chainedBy(candidates.values(), mount, context);
        skip = caller == null ? null : memberOf(caller);
      }
      if (skip == null) {
        mounts.add(mount);
        continue;
      }
      String file = DIRECTORY + name + ".properties";
      boolean settings = contextSettings.containsKey(name) || files.contains(file);
      log.accept(
          "not mounting "
              + DIRECTORY
              + name
              + ".wasm: "
              + skip
              + (settings
                  ? "; its "
                      + name
                      + ".properties and "
                      + PARAM_PREFIX
                      + name
                      + ".* settings are not used"
                  : ""));
    }
    return mounts;
  }

  /**
   * Why a chain member is not mounted: reached at its own path it would bypass what the members
   * before it check.
   */
  private static String memberOf(String caller) {
    return "it is a member of the chain of " + caller + " (reached only through it)";
  }

  private static boolean enabled(ServletContext context) throws ServletException {
    String value = context.getInitParameter(MOUNT);
    if (value == null || value.isBlank() || value.trim().equalsIgnoreCase("true")) {
      return true;
    }
    if (value.trim().equalsIgnoreCase("false")) {
      return false;
    }
    throw new ServletException(
        "context-param " + MOUNT + ": expected true or false, got \"" + value + "\"");
  }

  /** The context-param {@code wasi-http.prefix} without its trailing slashes; "" by default. */
  private static String prefix(ServletContext context) throws ServletException {
    String value = context.getInitParameter(PREFIX);
    String prefix = value == null ? "" : value.trim();
    while (prefix.endsWith("/")) {
      prefix = prefix.substring(0, prefix.length() - 1);
    }
    if (!prefix.isEmpty()
        && (!prefix.startsWith("/") || prefix.contains("//") || prefix.matches(".*[*?#;\\s].*"))) {
      throw new ServletException(
          "context-param " + PREFIX + ": expected a path such as /wasm, got \"" + value + "\"");
    }
    return prefix;
  }

  /** The paths in {@code /WEB-INF/wasm/}, sorted; none when there is no such directory. */
  private static Set<String> files(ServletContext context) {
    Set<String> paths = context.getResourcePaths(DIRECTORY);
    return paths == null ? Set.of() : new TreeSet<>(paths);
  }

  /** The NAME of every {@code /WEB-INF/wasm/NAME.wasm} file (not of subdirectories), sorted. */
  private static List<String> componentNames(Set<String> files) {
    List<String> names = new ArrayList<>();
    for (String path : files) {
      String file = path.substring(path.lastIndexOf('/') + 1);
      if (file.endsWith(".wasm") && file.length() > ".wasm".length()) {
        names.add(file.substring(0, file.length() - ".wasm".length()));
      }
    }
    return names;
  }

  /**
   * The context-params {@code wasi-http.NAME.KEY} by NAME (the longest component name that matches,
   * as names may hold dots), each KEY an init-param the servlet reads. One that matches no
   * component is logged and left.
   */
  private static Map<String, Map<String, String>> contextSettings(
      ServletContext context, List<String> names, Consumer<String> log) throws ServletException {
    Map<String, Map<String, String>> settings = new TreeMap<>();
    for (String param : new TreeSet<>(Collections.list(context.getInitParameterNames()))) {
      if (!param.startsWith(PARAM_PREFIX) || param.equals(MOUNT) || param.equals(PREFIX)) {
        continue;
      }
      String rest = param.substring(PARAM_PREFIX.length());
      String owner = null;
      for (String name : names) {
        if (rest.length() > name.length() + 1
            && rest.startsWith(name + ".")
            && (owner == null || name.length() > owner.length())) {
          owner = name;
        }
      }
      if (owner == null) {
        log.accept(
            "context-param "
                + param
                + " is not used: it names no "
                + DIRECTORY
                + "NAME.wasm (expected "
                + PARAM_PREFIX
                + "NAME.INIT-PARAM)");
        continue;
      }
      String key = rest.substring(owner.length() + 1);
      checkKey("context-param " + param, key, owner);
      settings
          .computeIfAbsent(owner, n -> new LinkedHashMap<>())
          .put(key, context.getInitParameter(param));
    }
    return settings;
  }

  /**
   * The mount of {@code name}: {@code stripServletPath} true, then the settings of its properties
   * file ({@code fromFile}, null for none), then its context-params' (the operator's, set outside
   * the WAR, win), then the component's location.
   */
  private static Mount mount(
      String name,
      String servletName,
      String pattern,
      Map<String, String> fromFile,
      Map<String, String> fromContext)
      throws ServletException {
    String location = DIRECTORY + name + ".wasm";
    String file = DIRECTORY + name + ".properties";
    if (fromFile != null) {
      check(file, fromFile, location);
    }
    for (Map.Entry<String, String> e : fromContext.entrySet()) {
      check(
          "context-param " + PARAM_PREFIX + name + "." + e.getKey(),
          Map.of(e.getKey(), e.getValue()),
          location);
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put(InitParams.STRIP_SERVLET_PATH, "true");
    if (fromFile != null) {
      params.putAll(fromFile);
    }
    params.putAll(fromContext);
    WasiHttpServletOptions options = check(location, params, location);
    params.put(InitParams.COMPONENT, location);
    List<String> from = new ArrayList<>();
    if (fromFile != null) {
      from.add(file);
    }
    if (!fromContext.isEmpty()) {
      from.add("context-params " + PARAM_PREFIX + name + ".*");
    }
    return new Mount(
        name,
        servletName,
        pattern,
        Collections.unmodifiableMap(params),
        options,
        from.isEmpty() ? "defaults" : String.join(" and ", from));
  }

  /** The settings in {@code file}, read as UTF-8. */
  private static Map<String, String> properties(ServletContext context, String file, String name)
      throws ServletException {
    Map<String, String> settings = new TreeMap<>();
    try (InputStream in = context.getResourceAsStream(file)) {
      if (in == null) {
        throw new IOException("listed in " + DIRECTORY + " but not found");
      }
      Properties properties = new Properties();
      try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        properties.load(reader);
      }
      for (String key : properties.stringPropertyNames()) {
        checkKey(file, key, name);
        settings.put(key, properties.getProperty(key));
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new ServletException(file + " cannot be read: " + e.getMessage(), e);
    }
    return settings;
  }

  /** A setting's key must be an init-param the servlet reads, and not the component's location. */
  private static void checkKey(String source, String key, String name) throws ServletException {
    if (key.equals(InitParams.COMPONENT)) {
      throw new ServletException(
          source
              + ": "
              + InitParams.COMPONENT
              + " cannot be set here: the component is "
              + DIRECTORY
              + name
              + ".wasm");
    }
    if (!InitParams.isKnown(key)) {
      throw new ServletException(
          source
              + ": \""
              + key
              + "\" is no init-param of WasiHttpServlet (see the README's table, or"
              + " InitParams)");
    }
  }

  /** Parses {@code params} as the servlet will, so a bad value fails here, named by its source. */
  private static WasiHttpServletOptions check(
      String source, Map<String, String> params, String location) throws ServletException {
    Map<String, String> all = new LinkedHashMap<>(params);
    all.put(InitParams.COMPONENT, location);
    try {
      return WasiHttpServletOptions.fromInitParameters(all.keySet(), all::get);
    } catch (IllegalArgumentException e) {
      throw new ServletException(source + ": " + e.getMessage(), e);
    }
  }

  /** "servlet NAME" or "filter NAME" whose init-param {@code component} names the location. */
  static String declaredBy(ServletContext context, String location) {
    for (Registration r : context.getServletRegistrations().values()) {
      if (names(r.getInitParameter(InitParams.COMPONENT), location, context)) {
        return "servlet " + r.getName();
      }
    }
    for (Registration r : context.getFilterRegistrations().values()) {
      if (names(r.getInitParameter(InitParams.COMPONENT), location, context)) {
        return "filter " + r.getName();
      }
    }
    return null;
  }

  /**
   * "servlet NAME" or "filter NAME" whose init-param {@code chain} names the location. A value that
   * does not parse names nothing: the servlet refuses it too, so that chain never runs.
   */
  static String chainedBy(ServletContext context, String location) {
    for (Registration r : context.getServletRegistrations().values()) {
      if (chainNames(r.getInitParameter(InitParams.CHAIN), location, context)) {
        return "servlet " + r.getName();
      }
    }
    for (Registration r : context.getFilterRegistrations().values()) {
      if (chainNames(r.getInitParameter(InitParams.CHAIN), location, context)) {
        return "filter " + r.getName();
      }
    }
    return null;
  }

  /** The servlet name of the mount, other than {@code member}, whose chain names it, or null. */
  private static String chainedBy(Iterable<Mount> mounts, Mount member, ServletContext context) {
    for (Mount m : mounts) {
      if (m == member) {
        continue;
      }
      for (ChainMember c : m.options().chain()) {
        if (names(c.location(), member.location(), context)) {
          return m.servletName();
        }
      }
    }
    return null;
  }

  /** Whether a {@code chain} init-param's value lists this web application resource. */
  private static boolean chainNames(String value, String location, ServletContext context) {
    if (value == null || value.isBlank()) {
      return false;
    }
    try {
      for (ChainMember c : ChainMember.parseAll(value)) {
        if (names(c.location(), location, context)) {
          return true;
        }
      }
    } catch (IllegalArgumentException e) {
      // Refused by the servlet as well: no chain of it runs.
    }
    return false;
  }

  /**
   * Whether a {@code component} init-param's value is this web application resource, spelled as a
   * resource path ({@code /WEB-INF/wasm//x.wasm}, {@code /WEB-INF/./wasm/x.wasm}), or as the file
   * it is on disk in an unpacked WAR.
   */
  static boolean names(String value, String location, ServletContext context) {
    if (value == null || value.isBlank()) {
      return false;
    }
    String v = value.trim();
    if (v.startsWith("/WEB-INF/") && normalize(v).equals(location)) {
      return true;
    }
    String real = context.getRealPath(location);
    if (real == null || v.startsWith("classpath:")) {
      return false;
    }
    try {
      Path path = v.startsWith("file:") ? Path.of(URI.create(v)) : Path.of(v);
      return path.toAbsolutePath().normalize().equals(Path.of(real).toAbsolutePath().normalize());
    } catch (RuntimeException e) {
      // Not a file path on this system: it names something else.
      return false;
    }
  }

  /** A resource path without empty, "." and ".." segments. */
  private static String normalize(String path) {
    Deque<String> segments = new ArrayDeque<>();
    for (String s : path.split("/")) {
      if (s.isEmpty() || s.equals(".")) {
        continue;
      }
      if (s.equals("..")) {
        segments.pollLast();
      } else {
        segments.addLast(s);
      }
    }
    return "/" + String.join("/", segments);
  }

  /** The servlet mapped to {@code pattern}, or null. */
  private static String mappedBy(
      Map<String, ? extends ServletRegistration> servlets, String pattern) {
    for (ServletRegistration r : servlets.values()) {
      if (r.getMappings().contains(pattern)) {
        return r.getName();
      }
    }
    return null;
  }
}
