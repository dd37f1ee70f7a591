package dev.wasihttp.http.proxy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.wasihttp.component.Component;
import dev.wasihttp.component.InstancePool;
import dev.wasihttp.http.client.OutboundPolicy;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The componentize-js sample (StarlingMonkey, 13 MB, 18 WASI imports) through {@link
 * WasiHttpHandler}. Loaded and linked once for the class: parsing it takes seconds.
 */
class HelloJsHandlerTest {
  static final Samples.Lines LOG = new Samples.Lines();
  static Component component;
  static WasiHttpHandler handler;

  @BeforeAll
  static void link() throws Exception {
    component = Component.load(Samples.HELLO_JS);
    handler =
        WasiHttpHandler.create(
            component, WasiHttpConfig.builder().componentName("hello-js").log(LOG).build());
  }

  @Test
  void oneInstanceResetBetweenRequestsServesThemAll() throws Exception {
    // StarlingMonkey answers one request per instance ("FetchEvent#respondWith can't be called
    // twice" on a second): a reset instance is, to it, a fresh one.
    try (WasiHttpHandler one =
        WasiHttpHandler.create(
            component,
            WasiHttpConfig.builder()
                .componentName("hello-js")
                .log(LOG)
                .pool(new InstancePool.Config(1, Duration.ofMinutes(10)))
                .build())) {
      for (int i = 0; i < 3; i++) {
        MemoryExchange x = new MemoryExchange("GET", "/hello");
        one.handle(x);
        assertEquals(List.of("respond 200", "finish"), x.calls, LOG.snapshot()::toString);
        assertEquals(
            "hello from JavaScript: GET /hello", x.body.toString(StandardCharsets.UTF_8).strip());
      }
      InstancePool.Stats stats = one.poolStats();
      assertEquals(new InstancePool.Stats(1, 2, 0, 0, 0, 1, 0, stats.memory()), stats);
      assertTrue(stats.memory() > 0, "the waiting instance holds its memory");
    }
  }

  @AfterAll
  static void close() {
    handler.close();
  }

  static MemoryExchange run(MemoryExchange x) {
    handler.handle(x);
    return x;
  }

  @ParameterizedTest
  @ValueSource(strings = {"GET", "POST", "PUT", "DELETE", "PROPFIND"})
  void helloForEveryMethod(String method) {
    MemoryExchange x = run(new MemoryExchange(method, "/p?q=1"));
    assertEquals(List.of("respond 200", "finish"), x.calls, () -> x.failReason);
    assertEquals("js", x.header("x-wasm-lang"));
    assertEquals("text/plain", x.header("content-type"));
    assertEquals("hello from JavaScript: " + method + " /p?q=1", x.bodyText());
    assertTrue(
        LOG.snapshot().contains("INFO [hello-js] handled " + method + " /p?q=1"),
        LOG.snapshot()::toString);
  }

  @Test
  void headKeepsTheHeadersWithoutABody() {
    MemoryExchange x = run(new MemoryExchange("HEAD", "/"));
    assertEquals(List.of("respond 200", "finish"), x.calls, () -> x.failReason);
    assertEquals("js", x.header("x-wasm-lang"));
    assertEquals(0, x.body.size());
  }

  @Test
  void theGuestSeesRequestHeadersWithoutForbiddenOnes() {
    MemoryExchange x =
        run(
            new MemoryExchange("GET", "/headers")
                .header("Host", "example.com")
                .header("X-B", "2")
                .header("Accept", "text/html")
                .header("x-b", "3")
                .header("Connection", "keep-alive")
                .header("Transfer-Encoding", "chunked")
                .header("X-Empty", ""));
    assertEquals(List.of("respond 200", "finish"), x.calls, () -> x.failReason);
    assertEquals("application/json", x.header("content-type"));
    // fetch's Headers lower-cases names, sorts them and joins duplicates with ", " in order.
    assertEquals("{\"accept\":\"text/html\",\"x-b\":\"2, 3\",\"x-empty\":\"\"}", x.bodyText());
  }

  @Test
  void echoStreamsWhileTheRequestArrives() throws Exception {
    byte[] body = Samples.randomBytes(3 * 1024 * 1024);
    MemoryExchange x = new MemoryExchange("POST", "/echo").header("Content-Type", "x/y");
    boolean[] early = new boolean[1];
    Thread client = Samples.duplexClient(x, body, 512 * 1024, early);
    run(x);
    client.join(10_000);
    assertEquals(List.of("respond 200", "finish"), x.calls, () -> x.failReason);
    assertTrue(early[0], "response bytes flowed before the request body was complete");
    assertEquals("x/y", x.header("content-type"));
    assertArrayEquals(body, x.body.toByteArray());
  }

  @Test
  void aThrowingHandlerGets500FromStarlingMonkeyAndTheNextRequestSucceeds() {
    MemoryExchange x = run(new MemoryExchange("GET", "/trap"));
    // StarlingMonkey catches the exception, sets a 500 itself, logs the error on stderr and
    // returns with that response's body still open: an ending other than finish, so the host
    // aborts the response (as Wasmtime does when it drops an unfinished body).
    assertEquals(List.of("respond 500", "abort"), x.calls);
    assertTrue(
        LOG.contains("WARN [hello-js] Error while running request handler"),
        LOG.snapshot()::toString);
    assertTrue(
        LOG.contains("[hello-js] response aborted after it started"), LOG.snapshot()::toString);
    MemoryExchange next = run(new MemoryExchange("GET", "/after"));
    assertEquals("hello from JavaScript: GET /after", next.bodyText());
  }

  @Test
  void fetchGoesThroughTheOutgoingHandlerWhereThePolicyAllows() throws Exception {
    HttpServer upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    upstream.createContext(
        "/",
        ex -> {
          byte[] got = ex.getRequestBody().readAllBytes();
          byte[] answer =
              (ex.getRequestMethod() + " " + ex.getRequestURI() + " " + new String(got, UTF_8))
                  .getBytes(UTF_8);
          ex.getResponseHeaders().add("X-Upstream", "yes");
          ex.sendResponseHeaders(201, answer.length);
          ex.getResponseBody().write(answer);
          ex.close();
        });
    upstream.start();
    String base = "http://127.0.0.1:" + upstream.getAddress().getPort();
    try (WasiHttpHandler allowed =
        WasiHttpHandler.create(
            Component.load(Samples.HELLO_JS),
            WasiHttpConfig.builder()
                .componentName("hello-js")
                .log(LOG)
                .outboundPolicy(OutboundPolicy.parse(base))
                .build())) {
      MemoryExchange x =
          new MemoryExchange("POST", "/fetch?url=" + base + "/up?x=1")
              .header("Content-Type", "text/plain")
              .body("ping".getBytes(UTF_8));
      allowed.handle(x);
      assertEquals(List.of("respond 201", "finish"), x.calls, () -> x.failReason);
      assertEquals("yes", x.header("x-upstream"));
      assertEquals("POST /up?x=1 ping", x.bodyText());

      // Not allowed: the guest's fetch rejects, and the sample answers 502.
      MemoryExchange denied = new MemoryExchange("GET", "/fetch?url=http://127.0.0.2:1/");
      allowed.handle(denied);
      assertEquals(List.of("respond 502", "finish"), denied.calls, () -> denied.failReason);
      assertTrue(
          LOG.contains("WARN [hello-js] outgoing request to http://127.0.0.2:1 denied by policy"),
          LOG.snapshot()::toString);
    } finally {
      upstream.stop(0);
    }
  }
}
