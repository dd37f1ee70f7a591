package dev.wasihttp.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.component.EngineMode;
import dev.wasihttp.component.EngineOptions;
import dev.wasihttp.component.InstancePool;
import dev.wasihttp.http.LogSink;
import dev.wasihttp.http.client.jetty.JettyOutgoingHandler;
import dev.wasihttp.http.proxy.WasiHttpConfig;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Init-params parse into the same options the builder makes; defaults and bad values. */
class WasiHttpServletOptionsTest {
  static WasiHttpServletOptions parse(Map<String, String> params) {
    return WasiHttpServletOptions.fromInitParameters(params.keySet(), params::get);
  }

  /** The options of the Jetty outgoing handler that {@code config} holds. */
  static JettyOutgoingHandler.Options jetty(WasiHttpConfig config) {
    return (JettyOutgoingHandler.Options) config.outgoingHandler();
  }

  @Test
  void defaults() {
    WasiHttpServletOptions o = parse(Map.of("component", "/WEB-INF/app.wasm"));
    assertEquals("/WEB-INF/app.wasm", o.component());
    assertEquals("app", o.componentName());
    assertTrue(o.env().isEmpty());
    assertNull(o.dir());
    assertFalse(o.stripServletPath());
    assertNull(o.canonicalAuthority());
    assertEquals(WasiHttpConfig.DEFAULT_FORBIDDEN_HEADERS, o.http().forbiddenHeaders());
    assertEquals(128 * 1024, o.http().maxFieldSize());
    assertEquals(Duration.ofSeconds(60), o.http().timeout());
    assertEquals(
        EngineOptions.of(EngineMode.AUTO).withCompileCache(EngineOptions.defaultCompileCache()),
        o.engine());
    assertEquals(new InstancePool.Config(16, Duration.ofSeconds(60)), o.http().pool());
  }

  @Test
  void aChainOfComponentsNamedAfterTheirFilesOrAsGiven() {
    WasiHttpServletOptions o =
        parse(
            Map.of(
                "component", "/WEB-INF/proxy-c.wasm",
                "chain", " /WEB-INF/hello-c.wasm,\n api=classpath:app.wasm  other=/srv/x=y.wasm "));
    assertEquals(
        List.of(
            new ChainMember("hello-c", "/WEB-INF/hello-c.wasm"),
            new ChainMember("api", "classpath:app.wasm"),
            new ChainMember("other", "/srv/x=y.wasm")),
        o.chain());
    assertEquals(o.chain(), o.toBuilder().build().chain());
    assertTrue(o.toString().contains("chain=[hello-c=/WEB-INF/hello-c.wasm, api="), o.toString());
    assertEquals(List.of(), parse(Map.of("component", "a.wasm")).chain());
    assertEquals(
        new ChainMember("b", "/srv/x=1/b.wasm"),
        ChainMember.parse("/srv/x=1/b.wasm"),
        "a location with '=' whose head is no host name");

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> parse(Map.of("component", "a.wasm", "chain", "/srv/my+app.wasm")));
    assertEquals(
        "init-param chain: the chained component name \"my+app\" is not a host name (letters,"
            + " digits, '-', '.', '_'): write NAME=LOCATION",
        e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> parse(Map.of("component", "/a/hello.wasm", "chain", "/b/hello.wasm")));
    assertEquals(
        "two chained components are named \"hello\" (name one NAME=LOCATION, or set"
            + " componentName)",
        e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> parse(Map.of("component", "a.wasm", "chain", "b=x.wasm B=y.wasm")));
    assertEquals(
        "chain and reload exclude each other",
        assertThrows(
                IllegalArgumentException.class,
                () -> parse(Map.of("component", "a.wasm", "chain", "b.wasm", "reload", "true")))
            .getMessage());
  }

  @Test
  void theInstancePool() {
    WasiHttpServletOptions o = parse(Map.of("pool", "4", "poolIdleTimeout", "30s"));
    assertEquals(new InstancePool.Config(4, Duration.ofSeconds(30)), o.http().pool());
    assertEquals(
        new InstancePool.Config(4, Duration.ofSeconds(30)),
        o.toWasiHttpConfig(LogSink.discard()).pool(),
        "the handler gets it");
    assertTrue(o.toString().contains("pool=4, poolIdleTimeout=PT30S"), o.toString());
    assertEquals(InstancePool.Config.NONE, parse(Map.of("pool", "0")).http().pool());
    assertEquals(
        new InstancePool.Config(16, Duration.ofMillis(1500)),
        parse(Map.of("poolIdleTimeout", " 1500ms ")).http().pool(),
        "the other one at its default");
    assertEquals(
        new InstancePool.Config(2, Duration.ofMinutes(2)),
        parse(Map.of("pool", "2", "poolIdleTimeout", "PT2M")).http().pool());
    assertEquals(InstancePool.Config.DEFAULT, parse(Map.of("pool", " ")).http().pool());

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> parse(Map.of("pool", "-1")));
    assertEquals(
        "init-param pool: expected a number of instances, 0 or more, got \"-1\"", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> parse(Map.of("pool", "many")));
    assertEquals(
        "init-param pool: expected a number of instances, 0 or more, got \"many\"", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> parse(Map.of("poolIdleTimeout", "0")));
    assertEquals(
        "init-param poolIdleTimeout: expected a positive duration, got \"0\"", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> parse(Map.of("poolIdleTimeout", "later")));
    assertEquals(
        "init-param poolIdleTimeout: expected a duration such as 30s, 500ms or PT1M, got"
            + " \"later\"",
        e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> parse(Map.of("poolIdleTimeout", "9223372036854775807s")));
    assertEquals(
        "init-param poolIdleTimeout: expected a duration of at most PT8760H, got"
            + " \"9223372036854775807s\"",
        e.getMessage());
  }

  @Test
  void theEngineModeAndTheCompileCache() {
    assertEquals(
        EngineOptions.COMPILER.withCompileCache(EngineOptions.defaultCompileCache()),
        parse(Map.of("component", "/WEB-INF/app.wasm", "engine", "Compiler")).engine());
    assertEquals(
        EngineOptions.COMPILER.withCompileCache(Path.of("/var/cache/app")),
        parse(Map.of("engine", "compiler", "compileCache", "/var/cache/app")).engine());
    assertEquals(
        EngineOptions.COMPILER,
        parse(Map.of("engine", "compiler", "compileCache", "none")).engine());
    assertEquals(
        EngineOptions.INTERPRETER,
        parse(Map.of("engine", "interpreter", "compileCache", "/var/cache/app")).engine());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> parse(Map.of("component", "/WEB-INF/app.wasm", "engine", "jit")));
    assertEquals(
        "init-param engine: expected interpreter, compiler or auto, got \"jit\"", e.getMessage());
    assertEquals(
        EngineOptions.of(EngineMode.AUTO).withCompileCache(Path.of("/var/cache/app")),
        parse(Map.of("compileCache", "/var/cache/app")).engine());
  }

  @Test
  void limitsAndTheirFormats() {
    WasiHttpServletOptions o =
        parse(
            Map.of(
                "forbiddenHeaders", "X-Internal, host", "maxFieldSize", "4096", "timeout", "30s"));
    assertEquals(Set.of("x-internal", "host"), o.http().forbiddenHeaders());
    assertEquals(4096, o.http().maxFieldSize());
    assertEquals(Duration.ofSeconds(30), o.http().timeout());
    assertEquals(Duration.ZERO, parse(Map.of("timeout", "0")).http().timeout());
    assertEquals(Duration.ofMillis(500), parse(Map.of("timeout", "500ms")).http().timeout());
    assertEquals(Duration.ofMinutes(2), parse(Map.of("timeout", "PT2M")).http().timeout());
    assertEquals(Duration.ofMinutes(2), parse(Map.of("timeout", "2m")).http().timeout());
    WasiHttpConfig config = o.toWasiHttpConfig(LogSink.discard());
    assertEquals(o.componentName(), config.componentName());
    assertEquals(4096, config.maxFieldSize());
    assertEquals(Set.of("x-internal", "host"), config.forbiddenHeaders());
    assertThrows(IllegalArgumentException.class, () -> parse(Map.of("timeout", "soon")));
    assertThrows(IllegalArgumentException.class, () -> parse(Map.of("maxFieldSize", "-1")));
  }

  @Test
  void theLimitsHaveTheirDefaultsAndInitParams() {
    WasiHttpConfig defaults = parse(Map.of()).http();
    assertEquals(Duration.ofSeconds(60), defaults.timeout());
    assertEquals(64, defaults.maxConcurrent());
    assertEquals(Duration.ofSeconds(1), defaults.maxConcurrentWait());
    assertEquals(1L << 30, defaults.maxBody());
    assertEquals(256L << 20, defaults.maxMemory());
    assertEquals(16L << 20, defaults.maxHostMemory());
    assertEquals(Duration.ofSeconds(10), defaults.shutdownTimeout());

    WasiHttpConfig set =
        parse(
                Map.of(
                    "timeout", "2s",
                    "maxConcurrent", "32",
                    "maxConcurrentWait", "250ms",
                    "maxBody", "10MiB",
                    "maxMemory", "64MiB",
                    "maxHostMemory", "1m",
                    "shutdownTimeout", "0"))
            .http();
    assertEquals(Duration.ofSeconds(2), set.timeout());
    assertEquals(32, set.maxConcurrent());
    assertEquals(Duration.ofMillis(250), set.maxConcurrentWait());
    assertEquals(10L << 20, set.maxBody());
    assertEquals(64L << 20, set.maxMemory());
    assertEquals(1L << 20, set.maxHostMemory());
    assertEquals(Duration.ZERO, set.shutdownTimeout());

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> parse(Map.of("maxBody", "lots")));
    assertTrue(e.getMessage().startsWith("init-param maxBody: expected a size"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> parse(Map.of("maxConcurrent", "0")));
  }

  @Test
  void outboundRequestsAreDeniedUnlessAllowed() {
    WasiHttpServletOptions none = parse(Map.of("component", "/WEB-INF/app.wasm"));
    assertTrue(none.http().outboundPolicy().isDenyAll());
    assertTrue(none.toWasiHttpConfig((level, line) -> {}).outboundPolicy().isDenyAll());

    WasiHttpServletOptions some =
        parse(Map.of("allowOutbound", "https://api.example.com, http://*.internal.test:8080\n"));
    assertEquals(
        List.of("https://api.example.com", "http://*.internal.test:8080"),
        some.http().outboundPolicy().entries());
    assertTrue(some.http().outboundPolicy().allows("https", "api.example.com", 443));
    assertFalse(some.http().outboundPolicy().allows("https", "other.example.com", 443));
    assertEquals(
        some.http().outboundPolicy().entries(),
        some.toWasiHttpConfig((level, line) -> {}).outboundPolicy().entries());

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> parse(Map.of("allowOutbound", "api.example.com")));
    assertTrue(e.getMessage().startsWith("init-param allowOutbound: "), e.getMessage());
  }

  @Test
  void outgoingTimeoutsTrustStoreAndClient() {
    WasiHttpServletOptions defaults = parse(Map.of());
    WasiHttpConfig d = defaults.toWasiHttpConfig(LogSink.discard());
    assertEquals(Duration.ofSeconds(600), jetty(d).connectTimeout());
    assertEquals(Duration.ofSeconds(600), jetty(d).firstByteTimeout());
    assertEquals(Duration.ofSeconds(600), jetty(d).betweenBytesTimeout());
    assertNull(defaults.trustStore());
    assertNull(defaults.httpClientAttribute());

    WasiHttpServletOptions o =
        parse(
            Map.of(
                "outboundConnectTimeout", "2s",
                "outboundFirstByteTimeout", "1500ms",
                "outboundBetweenBytesTimeout", "PT1M",
                "trustStore", "/WEB-INF/upstreams.p12",
                "trustStorePassword", "secret",
                "httpClientAttribute", "app.httpClient"));
    WasiHttpConfig c = o.toWasiHttpConfig(LogSink.discard());
    assertEquals(Duration.ofSeconds(2), jetty(c).connectTimeout());
    assertEquals(Duration.ofMillis(1500), jetty(c).firstByteTimeout());
    assertEquals(Duration.ofMinutes(1), jetty(c).betweenBytesTimeout());
    assertEquals(
        new WasiHttpServletOptions.TrustStore("/WEB-INF/upstreams.p12", "secret", "PKCS12"),
        o.trustStore());
    assertFalse(o.toString().contains("secret"), "the password is never printed: " + o);
    assertEquals("app.httpClient", o.httpClientAttribute());
    assertEquals(
        "JKS", parse(Map.of("trustStore", "t.jks", "trustStoreType", "JKS")).trustStore().type());

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> parse(Map.of("outboundConnectTimeout", "0")));
    assertTrue(e.getMessage().startsWith("init-param outboundConnectTimeout: "), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> parse(Map.of("outboundConnectTimeout", "9223372036854775807s")));
    assertTrue(e.getMessage().contains("at most PT8760H"), e.getMessage());
  }

  @Test
  void everyInitParam() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("component", "classpath:x/hello.wasm");
    p.put("componentName", "shop");
    p.put("env.B", "2");
    p.put("env.A", "1=1");
    p.put("dir", "/srv/static::/data");
    p.put("stripServletPath", "TRUE");
    p.put("canonicalAuthority", "shop.example:8443");
    WasiHttpServletOptions o = parse(p);
    assertEquals("shop", o.componentName());
    assertEquals(Map.of("B", "2", "A", "1=1"), o.env());
    assertEquals("[B, A]", o.env().keySet().toString(), "order kept");
    assertEquals(Path.of("/srv/static"), o.dir());
    assertEquals("/data", o.dirGuestPath());
    assertTrue(o.stripServletPath());
    assertEquals("shop.example:8443", o.canonicalAuthority());
    assertEquals("hello", parse(Map.of("component", "classpath:x/hello.wasm")).componentName());
  }

  /**
   * The names a WEB-INF/wasm properties file may hold (InitParams.NAMES) are exactly those the
   * parser reads and the table's constants, so a new init-param cannot be forgotten there.
   */
  @Test
  void theKnownNamesAreTheOnesTheParserReads() throws IllegalAccessException {
    Set<String> read = new TreeSet<>();
    // A trust store given, so that its password and type are read too.
    WasiHttpServletOptions.fromInitParameters(
        List.of(),
        name -> {
          read.add(name);
          return name.equals("trustStore") ? "/WEB-INF/upstreams.p12" : null;
        });
    assertEquals(new TreeSet<>(InitParams.NAMES), read);
    Set<String> constants = new TreeSet<>();
    for (Field f : InitParams.class.getFields()) {
      if (f.getType() == String.class && !f.getName().equals("ENV_PREFIX")) {
        constants.add((String) f.get(null));
      }
    }
    assertEquals(new TreeSet<>(InitParams.NAMES), constants, "the table's names are its constants");
    assertTrue(InitParams.isKnown("env.GREETING"));
    assertFalse(InitParams.isKnown("env."));
    assertFalse(InitParams.isKnown("timout"));
  }

  @Test
  void thePoolIsSetInCodeThroughTheHttpConfig() {
    WasiHttpServletOptions built =
        WasiHttpServletOptions.builder()
            .http(
                WasiHttpConfig.builder()
                    .pool(new InstancePool.Config(3, Duration.ofSeconds(5)))
                    .build())
            .build();
    assertEquals(new InstancePool.Config(3, Duration.ofSeconds(5)), built.http().pool());
    assertEquals(built.toString(), parse(Map.of("pool", "3", "poolIdleTimeout", "5s")).toString());
  }

  @Test
  void theBuilderMakesTheSameOptions() {
    WasiHttpServletOptions built =
        WasiHttpServletOptions.builder()
            .component("/tmp/a.wasm")
            .env("K", "V")
            .dirSpec("/tmp")
            .build();
    WasiHttpServletOptions parsed =
        parse(Map.of("component", "/tmp/a.wasm", "env.K", "V", "dir", "/tmp"));
    assertEquals(built.toString(), parsed.toString());
    assertEquals("/", parsed.dirGuestPath());
  }

  @Test
  void reloadIsOffByDefaultAndPolledEverySecond() {
    WasiHttpServletOptions o = parse(Map.of("component", "/srv/app.wasm"));
    assertFalse(o.reload());
    assertEquals(Duration.ofSeconds(1), o.reloadInterval());
    o = parse(Map.of("component", "/srv/app.wasm", "reload", "true", "reloadInterval", "250ms"));
    assertTrue(o.reload());
    assertEquals(Duration.ofMillis(250), o.reloadInterval());
    assertTrue(o.toString().endsWith(", reload every PT0.25S}"), o.toString());
    assertEquals(
        o.toString(),
        WasiHttpServletOptions.builder()
            .component("/srv/app.wasm")
            .reload(true)
            .reloadInterval(Duration.ofMillis(250))
            .build()
            .toString());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> parse(Map.of("reload", "yes")));
    assertEquals("init-param reload: expected true or false, got \"yes\"", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> parse(Map.of("reloadInterval", "0")));
    assertEquals(
        "init-param reloadInterval: expected a positive duration, got \"0\"", e.getMessage());
  }

  @Test
  void badValuesNameTheirInitParam() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> parse(Map.of("stripServletPath", "yes")));
    assertTrue(e.getMessage().contains("stripServletPath"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> parse(Map.of("dir", "/x::data")));
  }
}
