package dev.wasihttp.servlet.internal.mount;

import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A ServletContext that holds only what a ServletContainerInitializer uses: resources, context
 * params, servlet and filter registrations (declared ones and those added), and its log. Every
 * other method returns null.
 */
final class FakeWebApp {
  static final Path HELLO_C = Path.of("../samples/components/hello-c/hello-c.wasm");

  /** A servlet or filter registration: its name, class, init-params, mappings, load-on-startup. */
  static final class Registered {
    final String name;
    final String className;
    final Map<String, String> initParams = new LinkedHashMap<>();
    final Set<String> mappings = new LinkedHashSet<>();
    Integer loadOnStartup;

    Registered(String name, String className) {
      this.name = name;
      this.className = className;
    }
  }

  final Map<String, byte[]> resources = new LinkedHashMap<>();
  final Map<String, String> contextParams = new LinkedHashMap<>();
  final Map<String, Registered> servlets = new LinkedHashMap<>();
  final Map<String, Registered> filters = new LinkedHashMap<>();
  final List<String> log = new ArrayList<>();
  String realPathRoot;

  /** Adds a text resource, e.g. {@code /WEB-INF/wasm/a.properties}. */
  FakeWebApp resource(String path, String content) {
    return resource(path, content.getBytes(StandardCharsets.UTF_8));
  }

  FakeWebApp resource(String path, byte[] content) {
    resources.put(path, content);
    return this;
  }

  /** Adds hello-c's bytes at {@code path}, e.g. {@code /WEB-INF/wasm/a.wasm}. */
  FakeWebApp component(String path) {
    try {
      return resource(path, Files.readAllBytes(HELLO_C));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  FakeWebApp contextParam(String name, String value) {
    contextParams.put(name, value);
    return this;
  }

  /** A servlet declared before the initializer runs (as web.xml would). */
  Registered declareServlet(String name, String className, String... mappings) {
    Registered r = new Registered(name, className);
    r.mappings.addAll(List.of(mappings));
    servlets.put(name, r);
    return r;
  }

  Registered declareFilter(String name, String className) {
    Registered r = new Registered(name, className);
    filters.put(name, r);
    return r;
  }

  ServletContext context() {
    return (ServletContext)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {ServletContext.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getResourcePaths" -> resourcePaths((String) args[0]);
                  case "getResourceAsStream" ->
                      resources.containsKey(args[0])
                          ? new ByteArrayInputStream(resources.get(args[0]))
                          : null;
                  case "getRealPath" -> realPathRoot == null ? null : realPathRoot + args[0];
                  case "getInitParameter" -> contextParams.get(args[0]);
                  case "getInitParameterNames" -> Collections.enumeration(contextParams.keySet());
                  case "getServletRegistrations" ->
                      registrations(servlets, ServletRegistration.class);
                  case "getFilterRegistrations" -> registrations(filters, FilterRegistration.class);
                  case "addServlet" -> addServlet((String) args[0], (Class<?>) args[1]);
                  case "log" -> log.add((String) args[0]);
                  default -> null;
                });
  }

  /** The direct children of {@code dir}, as a container lists them (directories end in /). */
  private Set<String> resourcePaths(String dir) {
    Set<String> children = new TreeSet<>();
    for (String path : resources.keySet()) {
      if (path.startsWith(dir) && path.length() > dir.length()) {
        int slash = path.indexOf('/', dir.length());
        children.add(slash < 0 ? path : path.substring(0, slash + 1));
      }
    }
    return children.isEmpty() ? null : children;
  }

  private Object addServlet(String name, Class<?> servletClass) {
    if (servlets.containsKey(name)) {
      return null;
    }
    Registered r = new Registered(name, servletClass.getName());
    servlets.put(name, r);
    return registration(r, ServletRegistration.Dynamic.class);
  }

  private <T> Map<String, T> registrations(Map<String, Registered> all, Class<T> type) {
    Map<String, T> views = new LinkedHashMap<>();
    all.forEach((name, r) -> views.put(name, registration(r, type)));
    return views;
  }

  /** A view of {@code r} as a (dynamic) servlet or filter registration. */
  private static <T> T registration(Registered r, Class<T> type) {
    InvocationHandler handler =
        (proxy, method, args) ->
            switch (method.getName()) {
              case "getName" -> r.name;
              case "getClassName" -> r.className;
              case "getInitParameter" -> r.initParams.get(args[0]);
              case "getInitParameters" -> r.initParams;
              case "setInitParameters" -> {
                @SuppressWarnings("unchecked")
                Map<String, String> params = (Map<String, String>) args[0];
                r.initParams.putAll(params);
                yield Set.of();
              }
              case "setLoadOnStartup" -> {
                r.loadOnStartup = (Integer) args[0];
                yield null;
              }
              case "getMappings" -> r.mappings;
              case "addMapping" -> {
                r.mappings.addAll(List.of((String[]) args[0]));
                yield Set.of();
              }
              default -> null;
            };
    return type.cast(
        Proxy.newProxyInstance(FakeWebApp.class.getClassLoader(), new Class<?>[] {type}, handler));
  }
}
