package dev.wasihttp.servlet.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.http.client.OutboundPolicy;
import dev.wasihttp.servlet.WasiHttpServlet;
import dev.wasihttp.servlet.WasiHttpServletOptions;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** From {@code wasi-http.*} properties to servlets: the init-params' parser and messages. */
class ComponentServletsTest {
  static final String HELLO_C = "../samples/components/hello-c/hello-c.wasm";

  static WasiHttpProperties bind(Map<String, String> properties) {
    return new Binder(new MapConfigurationPropertySource(properties))
        .bind(WasiHttpProperties.PREFIX, WasiHttpProperties.class)
        .get();
  }

  /** Properties in the order given ({@code key, value, ...}): components keep that order. */
  static Map<String, String> ordered(String... keysAndValues) {
    Map<String, String> p = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      p.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return p;
  }

  @Test
  void eachSettingIsTheInitParamOfTheSameNameInAnySpelling() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("wasi-http.components.hello.location", HELLO_C);
    p.put("wasi-http.components.hello.env.GREETING", "hi");
    p.put("wasi-http.components.hello.max-body", "16MiB");
    p.put("wasi-http.components.hello.maxConcurrent", "4");
    p.put("wasi-http.components.hello.timeout", "5s");
    p.put("wasi-http.components.hello.pool", "0");
    p.put("wasi-http.components.hello.allow-outbound[0]", "http://127.0.0.1:8081");
    p.put("wasi-http.components.hello.allow-outbound[1]", "https://*.example.com");
    WasiHttpServletOptions options =
        new ComponentServlets(bind(p)).servlets().get("hello").options();

    Map<String, String> initParams =
        Map.of(
            "component", HELLO_C,
            "componentName", "hello",
            "env.GREETING", "hi",
            "maxBody", "16MiB",
            "maxConcurrent", "4",
            "timeout", "5s",
            "pool", "0",
            "allowOutbound", "http://127.0.0.1:8081, https://*.example.com");
    assertEquals(
        WasiHttpServletOptions.fromInitParameters(initParams.keySet(), initParams::get).toString(),
        options.toString());
    assertEquals("hello", options.componentName());
    assertEquals(Map.of("GREETING", "hi"), options.env());
    assertEquals(16L << 20, options.http().maxBody());
    assertEquals(4, options.http().maxConcurrent());
    assertEquals(Duration.ofSeconds(5), options.http().timeout());
    assertEquals(
        OutboundPolicy.parse(List.of("http://127.0.0.1:8081", "https://*.example.com")).toString(),
        options.http().outboundPolicy().toString());
  }

  @Test
  void aMalformedSettingFailsWithTheInitParamsMessageUnderTheComponentsKey() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new ComponentServlets(
                    bind(
                        Map.of(
                            "wasi-http.components.hello.location",
                            HELLO_C,
                            "wasi-http.components.hello.max-memory",
                            "lots"))));
    assertTrue(
        e.getMessage().startsWith("wasi-http.components.hello: init-param maxMemory: "),
        e.getMessage());

    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new ComponentServlets(bind(Map.of("wasi-http.components.hello.timeout", "5s"))));
    assertEquals("wasi-http.components.hello.location: not set (the component)", e.getMessage());
  }

  @Test
  void eachServletIsAddedUnderItsNameAtItsPathsLoadedOnStartup() throws Exception {
    ComponentServlets servlets =
        new ComponentServlets(
            bind(
                ordered(
                    "wasi-http.components.hello.location",
                    HELLO_C,
                    "wasi-http.components.proxy.location",
                    HELLO_C,
                    "wasi-http.components.proxy.path[0]",
                    "/p/*",
                    "wasi-http.components.proxy.path[1]",
                    "/q")));
    List<String> added = new ArrayList<>();
    servlets.onStartup(recordingContext(added, Set.of()));
    assertEquals(
        List.of(
            "hello loadOnStartup=1",
            "hello [/hello/*]",
            "proxy loadOnStartup=1",
            "proxy [/p/*, /q]"),
        added);

    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> servlets.onStartup(recordingContext(new ArrayList<>(), Set.of("/hello/*"))));
    assertEquals(
        "wasi-http.components.hello.path: mapped to another servlet already: [/hello/*]",
        e.getMessage());
  }

  @Test
  void aComponentThatDidNotLoadFailsTheStartWithTheServletsMessage() throws Exception {
    ComponentServlets servlets =
        new ComponentServlets(
            bind(Map.of("wasi-http.components.gone.location", "/nonexistent/gone.wasm")));
    WasiHttpServlet servlet = servlets.servlets().get("gone");
    assertThrows(Exception.class, () -> servlet.init(config("gone")));
    IllegalStateException e = assertThrows(IllegalStateException.class, servlets::start);
    assertTrue(
        e.getMessage().startsWith("component gone (/nonexistent/gone.wasm) cannot be read: "),
        e.getMessage());
    assertFalse(servlets.isRunning());
  }

  @Test
  void loadedComponentsLetTheApplicationStartAndShowTheirCounters() throws Exception {
    ComponentServlets servlets =
        new ComponentServlets(
            bind(
                Map.of(
                    "wasi-http.components.hello.location",
                    HELLO_C,
                    "wasi-http.components.hello.engine",
                    "interpreter")));
    WasiHttpServlet servlet = servlets.servlets().get("hello");
    assertNull(servlet.metrics(), "no counters before init()");
    servlet.init(config("hello"));
    try {
      servlets.start();
      assertTrue(servlets.isRunning());
      assertEquals(0, servlet.metrics().requests());
    } finally {
      servlet.destroy();
    }
  }

  /** A servlet's config in a context that drops log lines. */
  static ServletConfig config(String name) {
    ServletContext context =
        (ServletContext)
            Proxy.newProxyInstance(
                ComponentServletsTest.class.getClassLoader(),
                new Class<?>[] {ServletContext.class},
                (proxy, method, args) -> method.getName().equals("getContextPath") ? "" : null);
    return (ServletConfig)
        Proxy.newProxyInstance(
            ComponentServletsTest.class.getClassLoader(),
            new Class<?>[] {ServletConfig.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getServletContext" -> context;
                  case "getServletName" -> name;
                  case "getInitParameterNames" -> Collections.emptyEnumeration();
                  default -> null;
                });
  }

  /**
   * A context whose {@code addServlet} records what is set on the registration; {@code taken}
   * mappings belong to another servlet.
   */
  static ServletContext recordingContext(List<String> added, Set<String> taken) {
    return (ServletContext)
        Proxy.newProxyInstance(
            ComponentServletsTest.class.getClassLoader(),
            new Class<?>[] {ServletContext.class},
            (proxy, method, args) -> {
              if (!method.getName().equals("addServlet")) {
                return null;
              }
              String name = (String) args[0];
              return Proxy.newProxyInstance(
                  ComponentServletsTest.class.getClassLoader(),
                  new Class<?>[] {ServletRegistration.Dynamic.class},
                  (p, m, a) -> {
                    switch (m.getName()) {
                      case "setLoadOnStartup" -> added.add(name + " loadOnStartup=" + a[0]);
                      case "addMapping" -> {
                        List<String> mappings = List.of((String[]) a[0]);
                        added.add(name + " " + mappings);
                        Set<String> conflicts = new TreeSet<>(mappings);
                        conflicts.retainAll(taken);
                        return conflicts;
                      }
                      default -> {}
                    }
                    return null;
                  });
            });
  }
}
