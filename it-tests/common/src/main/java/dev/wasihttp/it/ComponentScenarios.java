package dev.wasihttp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sample components behind {@code WasiHttpServlet}, configured by init-params only: hello-js
 * (componentize-js) at {@code /} and at {@code /app/*} under the context path {@code /shop} (with
 * {@code stripServletPath}), hello-c at {@code /c} and with {@code maxBody} 1 KiB at {@code
 * /limited}, hello-libc at {@code /libc} with {@code env.GREETING}. Parameterized tests run on both
 * hello-js mounts; the guest sees the same target on each.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ComponentScenarios {
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private ContainerFixture fixture;
  private int port;

  /** A new, unstarted fixture of the container under test. */
  protected abstract ContainerFixture newFixture();

  @BeforeAll
  void start() throws Exception {
    String js = Samples.component("hello-js").toString();
    fixture = newFixture();
    port =
        fixture.start(
            List.of(
                Deployment.component("", "hello-js", "/", Map.of("component", js)),
                Deployment.component(
                    "/shop",
                    "hello-js-app",
                    "/app/*",
                    Map.of("component", js, "stripServletPath", "true")),
                Deployment.component(
                    "/c",
                    "hello-c",
                    "/",
                    Map.of("component", Samples.component("hello-c").toString())),
                Deployment.component(
                    "/limited",
                    "hello-c-limited",
                    "/",
                    Map.of(
                        "component", Samples.component("hello-c").toString(), "maxBody", "1KiB")),
                Deployment.component(
                    "/libc",
                    "hello-libc",
                    "/",
                    Map.of(
                        "component",
                        Samples.component("hello-libc").toString(),
                        "env.GREETING",
                        "servus"))));
  }

  @AfterAll
  void stop() throws Exception {
    if (fixture != null) {
      fixture.close();
    }
  }

  private HttpResponse<String> send(HttpClient c, String method, String path, String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(60));
    b.method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
    if (body != null) {
      b.header("content-type", "text/plain");
    }
    return c.send(b.build(), BodyHandlers.ofString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/shop/app"})
  void everyMethodReachesTheGuest(String base) throws Exception {
    for (String m : List.of("GET", "POST", "PUT", "DELETE", "FROBNICATE")) {
      HttpResponse<String> r =
          send(client, m, base + "/p%20q?x=%2F", m.equals("GET") ? null : "body");
      assertEquals(200, r.statusCode(), m);
      assertEquals("hello from JavaScript: " + m + " /p%20q?x=%2F", r.body(), m);
      assertEquals("js", r.headers().firstValue("x-wasm-lang").orElse(null));
      assertEquals("text/plain", r.headers().firstValue("content-type").orElse(null));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/shop/app"})
  void headGetsTheHeadersWithoutABody(String base) throws Exception {
    HttpResponse<String> r = send(client, "HEAD", base + "/h", null);
    assertEquals(200, r.statusCode());
    assertEquals("", r.body());
    assertEquals("js", r.headers().firstValue("x-wasm-lang").orElse(null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/shop/app"})
  void theGuestSeesTheRequestHeaders(String base) throws Exception {
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + base + "/headers"))
                .header("x-one", "1")
                .header("x-dup", "a")
                .header("x-dup", "b")
                .build(),
            BodyHandlers.ofString());
    assertEquals(200, r.statusCode());
    assertEquals("application/json", r.headers().firstValue("content-type").orElse(null));
    String json = r.body();
    assertTrue(json.contains("\"x-one\":\"1\""), json);
    assertTrue(json.contains("\"x-dup\":\"a, b\""), json);
    assertFalse(json.contains("\"host\""), "host is forbidden, the guest reads authority: " + json);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/shop/app"})
  void aBodyIsEchoed(String base) throws Exception {
    HttpResponse<String> r = send(client, "PUT", base + "/echo", "echo \u00e9 body");
    assertEquals(200, r.statusCode());
    assertEquals("echo \u00e9 body", r.body());
    assertEquals("text/plain", r.headers().firstValue("content-type").orElse(null));
  }

  @Test
  void aClientExpecting100ContinueGetsItBeforeItSendsTheBody() throws Exception {
    // hello-c's echo sets its response before it reads the body: the response must stay
    // uncommitted until the body comes, or the container can no longer send the 100.
    String body = "sent only after the 100\n";
    try (RawHttp.Client c = RawHttp.Client.open(port, 30_000)) {
      c.send(
          "POST /c/echo HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: 100-continue\r\n"
              + "Content-Length: "
              + body.length()
              + "\r\nConnection: close\r\n\r\n");
      assertTrue(c.awaitText("\r\n\r\n"), "a head came: " + c.received().text());
      assertEquals(100, c.received().status(), c.received().text());

      c.send(body);
      String all = c.readToClose().text();
      RawHttp.Reply fin =
          new RawHttp.Reply(
              all.substring(all.indexOf("\r\n\r\n") + 4).getBytes(StandardCharsets.ISO_8859_1),
              true);
      assertEquals(200, fin.status(), all);
      assertEquals(body, fin.dechunked(), all);
    }
  }

  @Test
  void aDeclaredBodyOverMaxBodyIsAnswered413() throws Exception {
    HttpResponse<String> r = send(client, "POST", "/limited/echo", "x".repeat(1025));
    assertEquals(413, r.statusCode());
    HttpResponse<String> fits = send(client, "POST", "/limited/echo", "y".repeat(1024));
    assertEquals(200, fits.statusCode());
    assertEquals("y".repeat(1024), fits.body());
  }

  @Test
  void aChunkedBodyGrowingPastMaxBodyBreaksTheEchoThatStarted() {
    HttpRequest chunked =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/limited/echo"))
            .timeout(Duration.ofSeconds(60))
            .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[4096])))
            .build();
    // hello-c sent its 200 before reading: the read that fails leaves it unfinished, aborted.
    assertThrows(IOException.class, () -> client.send(chunked, BodyHandlers.ofByteArray()));
  }

  @Test
  void guestStdoutGoesToTheContainerLog() throws Exception {
    String marker = "logged-" + UUID.randomUUID();
    assertEquals(200, send(client, "GET", "/" + marker, null).statusCode());
    String line = fixture.log().awaitContaining("handled GET /" + marker);
    assertNotNull(line, String.join("\n", fixture.log().lines()));
    assertTrue(line.contains("hello-js"), "tagged with the component's name: " + line);
  }

  @Test
  void environmentInitParamsReachTheGuest() throws Exception {
    HttpResponse<String> r = send(client, "GET", "/libc/env?x", null);
    assertEquals(200, r.statusCode());
    assertEquals("servus from C (wasi-libc): GET /env?x\n", r.body());
    assertNotNull(fixture.log().awaitContaining("[hello-libc] handled GET /env?x"));
  }

  @Test
  void aTrapBeforeTheResponseIs500AndTheNextRequestSucceeds() throws Exception {
    assertEquals(500, send(client, "GET", "/c/trap", null).statusCode());
    assertNotNull(fixture.log().awaitContaining("unreachable"), "the trap is logged");
    HttpResponse<String> next = send(client, "GET", "/c/after", null);
    assertEquals(200, next.statusCode());
    assertEquals("hello from C: GET /after\n", next.body());
    // StarlingMonkey catches the exception and sets a 500 itself, but returns without finishing
    // that response's body: the host aborts it, so the client sees the status and a broken body.
    RawHttp.Reply js =
        RawHttp.exchange(
            port, "POST /trap HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\n\r\nx", 30_000);
    assertTrue(js.statusLine().contains(" 500"), js.text());
    assertTrue(js.closed(), "the connection is closed, the body not ended cleanly");
    assertNotNull(fixture.log().awaitContaining("trap requested by POST /trap"));
    assertEquals(200, send(client, "GET", "/shop/app/after", null).statusCode());
  }

  @Test
  void aBodyTheGuestIgnoresDoesNotHoldTheConnection() throws Exception {
    byte[] big = new byte[3 << 20]; // under WasiHttpServlet.DRAIN_LIMIT
    for (String path : List.of("/c/ignored", "/ignored")) {
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                  .timeout(Duration.ofSeconds(60))
                  .POST(BodyPublishers.ofByteArray(big))
                  .build(),
              BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), path);
      assertTrue(r.body().contains(": POST /ignored"), r.body());
    }
    assertEquals(200, send(client, "GET", "/c/after-ignored", null).statusCode());
  }

  @Test
  void concurrentRequestsEachGetTheirOwnInstance() throws Exception {
    List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      all.add(
          client.sendAsync(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/c/n" + i)).build(),
              BodyHandlers.ofString()));
    }
    for (int i = 0; i < all.size(); i++) {
      HttpResponse<String> r = all.get(i).get(60, TimeUnit.SECONDS);
      assertEquals(200, r.statusCode());
      assertEquals("hello from C: GET /n" + i + "\n", r.body());
    }
  }

  @Test
  void http2CleartextWhereTheContainerSpeaksIt() throws Exception {
    if (!fixture.h2c()) {
      return;
    }
    HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
    HttpResponse<String> hello = send(h2, "GET", "/shop/app/h2?x", null);
    assertEquals(HttpClient.Version.HTTP_2, hello.version());
    assertEquals("hello from JavaScript: GET /h2?x", hello.body());
    HttpResponse<String> echo = send(h2, "POST", "/echo", "over h2");
    assertEquals(HttpClient.Version.HTTP_2, echo.version());
    assertEquals("over h2", echo.body());
  }
}
