package dev.wasihttp.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The freestanding C sample through {@link WasiHttpHandler}: a fresh instance per request. */
class HelloCHandlerTest {
  static final Samples.Lines LOG = new Samples.Lines();
  static WasiHttpHandler handler;

  @BeforeAll
  static void link() throws Exception {
    handler =
        WasiHttpHandler.create(
            Samples.load(Samples.HELLO_C),
            WasiHttpConfig.builder().componentName("hello-c").log(LOG).build());
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
  @ValueSource(strings = {"GET", "POST", "PUT", "DELETE", "PATCH", "PROPFIND", "get"})
  void everyMethodIsNamedAsReceived(String method) {
    MemoryExchange x = run(new MemoryExchange(method, "/p?q=1"));
    assertEquals(List.of("respond 200", "finish"), x.calls);
    assertEquals("text/plain", x.header("content-type"));
    assertEquals("c", x.header("x-wasm-lang"));
    assertEquals("hello from C: " + method + " /p?q=1\n", x.bodyText());
  }

  @Test
  void headKeepsHeadersAndDropsTheBody() {
    MemoryExchange x = run(new MemoryExchange("HEAD", "/"));
    assertEquals(List.of("respond 200", "finish"), x.calls);
    assertEquals("text/plain", x.header("content-type"));
    assertEquals(0, x.body.size());
  }

  @Test
  void echoStreamsMegabytesWhileTheRequestIsStillArriving() throws Exception {
    byte[] body = Samples.randomBytes(3 * 1024 * 1024);
    MemoryExchange x = new MemoryExchange("POST", "/echo");
    boolean[] early = new boolean[1];
    Thread client = Samples.duplexClient(x, body, 512 * 1024, early);
    run(x);
    client.join(10_000);
    assertTrue(early[0], "response bytes flowed before the request body was complete");
    assertEquals(List.of("respond 200", "finish"), x.calls);
    assertArrayEquals(body, x.body.toByteArray());
  }

  @Test
  void trapBeforeSetFailsWith500AndTheNextRequestSucceeds() {
    MemoryExchange x = run(new MemoryExchange("GET", "/trap"));
    assertEquals(List.of("fail 500"), x.calls);
    assertTrue(x.failReason.contains("unreachable"), x.failReason);
    assertTrue(LOG.contains("[hello-c] answered 500: the guest trapped"), LOG.snapshot()::toString);
    MemoryExchange next = run(new MemoryExchange("GET", "/after"));
    assertEquals(List.of("respond 200", "finish"), next.calls);
    assertEquals("hello from C: GET /after\n", next.bodyText());
  }

  @Test
  void requestTrailersAndForbiddenHeadersNeverBreakTheGuest() {
    MemoryExchange x =
        run(
            new MemoryExchange("POST", "/echo")
                .header("Host", "example.com")
                .header("Connection", "close")
                .header("Content-Type", "text/plain")
                .body("tiny".getBytes()));
    assertEquals("tiny", x.bodyText());
    assertNull(x.abortReason);
  }
}
