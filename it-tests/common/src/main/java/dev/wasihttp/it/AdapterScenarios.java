package dev.wasihttp.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * How {@code WasiHttpServlet} maps servlet requests and responses, with a {@link JavaHandler} in
 * place of a component: mounted at {@code /} and at {@code /app/*} and {@code /raw/*} under the
 * context path {@code /shop}. A container module subclasses this with its fixture.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AdapterScenarios {
  private final JavaHandler handler = new JavaHandler();
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private ContainerFixture fixture;
  private int port;

  /** A new, unstarted fixture of the container under test. */
  protected abstract ContainerFixture newFixture();

  @BeforeAll
  void start() throws Exception {
    fixture = newFixture();
    port =
        fixture.start(
            List.of(
                new Deployment(
                    "",
                    "java-root",
                    "/",
                    Map.of("componentName", "java-root", "canonicalAuthority", "canonical.example"),
                    handler),
                new Deployment(
                    "/shop",
                    "java-app",
                    "/app/*",
                    Map.of("componentName", "java-app", "stripServletPath", "true"),
                    handler),
                new Deployment("/shop", "java-raw", "/raw/*", Map.of(), handler)));
  }

  @AfterAll
  void stop() throws Exception {
    handler.release();
    if (fixture != null) {
      fixture.close();
    }
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30));
    b.method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
    return client.send(b.build(), BodyHandlers.ofString(StandardCharsets.ISO_8859_1));
  }

  @Test
  void everyMethodReachesTheHandler() throws Exception {
    for (String m : List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "FROBNICATE")) {
      HttpResponse<String> r = send(m, "/info", m.equals("GET") ? null : "x");
      assertEquals(200, r.statusCode(), m);
      assertTrue(r.body().startsWith(m + " http "), r.body());
    }
  }

  @Test
  void headKeepsTheHeadersAndSendsNoBody() throws Exception {
    HttpResponse<String> get = send("GET", "/info", null);
    HttpResponse<String> head = send("HEAD", "/info", null);
    assertEquals(200, head.statusCode());
    assertEquals("", head.body());
    assertEquals(
        Integer.toString(("HEAD" + get.body().substring(3)).length()),
        head.headers().firstValue("content-length").orElse(null));
  }

  @Test
  void theTargetIsRawAndRelativeToTheContextPath() throws Exception {
    String q = "?x=%2F&y=%C3%A9&z";
    assertEquals(
        "GET http 127.0.0.1:" + port + " /a%20b/c" + q, send("GET", "/a%20b/c" + q, null).body());
    assertEquals(
        "GET http 127.0.0.1:" + port + " /a%20b/info" + q,
        send("GET", "/shop/app/a%20b/info" + q, null).body(),
        "stripServletPath strips /app too");
    assertEquals("/", send("GET", "/shop/app", null).body().split(" ")[3]);
    assertEquals("/raw/x/info?q", send("GET", "/shop/raw/x/info?q", null).body().split(" ")[3]);
  }

  @Test
  void withoutHostTheAuthorityIsConfiguredOrTheServerName() throws Exception {
    String root = RawHttp.exchange(port, "GET /info HTTP/1.0\r\n\r\n", 10_000).body();
    assertEquals("GET http canonical.example /info", root);
    String shop = RawHttp.exchange(port, "GET /shop/raw/info HTTP/1.0\r\n\r\n", 10_000).body();
    assertTrue(shop.startsWith("GET http "), shop);
    assertTrue(shop.endsWith(":" + port + " /raw/info"), shop);
    String host =
        RawHttp.exchange(
                port,
                "GET /info HTTP/1.1\r\nHost: example.test:81\r\n" + "Connection: close\r\n\r\n",
                10_000)
            .text();
    assertTrue(host.endsWith("GET http example.test:81 /info"), host);
    String absolute =
        RawHttp.exchange(
                port,
                "GET http://abs.example:8081/info?a HTTP/1.1\r\nHost: abs.example:8081"
                    + "\r\nConnection: close\r\n\r\n",
                10_000)
            .text();
    assertTrue(absolute.endsWith("GET http abs.example:8081 /info?a"), absolute);
    String differs =
        RawHttp.exchange(
                port,
                "GET http://abs.example:8081/info HTTP/1.1\r\nHost: other"
                    + "\r\nConnection: close\r\n\r\n",
                10_000)
            .text();
    assertTrue(
        differs.endsWith("GET http abs.example:8081 /info") || differs.startsWith("HTTP/1.1 400"),
        "the absolute-form target wins over Host, or the container refuses: " + differs);
  }

  @Test
  void forwardedFieldsCountWhereTheContainerTrustsThem() throws Exception {
    // Both fixtures trust X-Forwarded-* from loopback, as a container behind a proxy would.
    String r =
        RawHttp.exchange(
                port,
                "GET /shop/app/info HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "X-Forwarded-For: 192.0.2.1\r\nX-Forwarded-Proto: https\r\n"
                    + "X-Forwarded-Host: public.example\r\nConnection: close\r\n\r\n",
                10_000)
            .text();
    assertTrue(r.endsWith("GET https public.example /info"), r);
  }

  @Test
  void requestHeadersKeepBytesAndDuplicates() throws Exception {
    RawHttp.Reply r =
        RawHttp.exchange(
            port,
            "GET /headers HTTP/1.1\r\nHost: h\r\nX-Dup: a\r\nX-Latin: caf\u00e9\r\nX-Dup: b\r\n"
                + "Connection: close\r\n\r\n",
            10_000);
    String body = r.body().toLowerCase(Locale.ROOT);
    assertTrue(body.contains("x-dup: a\nx-dup: b\n"), body);
    assertTrue(body.contains("x-latin: caf\u00e9\n"), body);
  }

  @Test
  void statusAndDuplicateResponseFieldsArriveAsSet() throws Exception {
    HttpResponse<String> r = send("GET", "/dup?201", null);
    assertEquals(201, r.statusCode());
    assertEquals(List.of("1", "2"), r.headers().allValues("x-dup"));
    assertEquals("text/plain", r.headers().firstValue("content-type").orElse(null));
  }

  @Test
  void aMegabyteIsEchoed() throws Exception {
    byte[] data = new byte[1 << 20];
    new Random(7).nextBytes(data);
    HttpResponse<byte[]> r =
        client.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/shop/app/echo"))
                .POST(BodyPublishers.ofByteArray(data))
                .build(),
            BodyHandlers.ofByteArray());
    assertEquals(200, r.statusCode());
    assertArrayEquals(data, r.body());
  }

  @Test
  void headersReachTheClientBeforeTheBody() throws Exception {
    CompletableFuture<HttpResponse<InputStream>> f =
        client.sendAsync(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/poll")).build(),
            BodyHandlers.ofInputStream());
    HttpResponse<InputStream> r = f.get(30, TimeUnit.SECONDS); // a hang guard: headers come first
    assertEquals(200, r.statusCode());
    handler.release();
    try (InputStream in = r.body()) {
      assertEquals("released", new String(in.readAllBytes(), StandardCharsets.US_ASCII));
    }
  }

  @Test
  void declaredTrailersAreSent() throws Exception {
    RawHttp.Reply r =
        RawHttp.exchange(
            port, "GET /trailers HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n", 10_000);
    assertTrue(r.head().toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked"), r.text());
    assertTrue(r.body().toLowerCase(Locale.ROOT).contains("\r\n0\r\nx-sum: 42\r\n"), r.text());
  }

  @Test
  void http10GetsTheBodyWithoutTrailers() throws Exception {
    RawHttp.Reply r = RawHttp.exchange(port, "GET /trailers HTTP/1.0\r\n\r\n", 10_000);
    assertTrue(r.statusLine().contains(" 200"), r.text());
    assertTrue(r.closed());
    assertEquals("body", r.body(), r.text());
  }

  @Test
  void undeclaredTrailersAreDroppedAndLogged() throws Exception {
    RawHttp.Reply r =
        RawHttp.exchange(
            port, "GET /undeclared HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n", 10_000);
    assertTrue(r.statusLine().contains(" 200"), r.text());
    assertFalse(r.body().contains("x-sum"), r.text());
    assertNotNull(fixture.log().awaitContaining("[java-root] dropped 1 response trailer"));
  }

  @Test
  void requestTrailersAreSeenAfterTheBody() throws Exception {
    RawHttp.Reply r =
        RawHttp.exchange(
            port,
            "POST /echo?trailers HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n"
                + "Trailer: x-req\r\nConnection: close\r\n\r\n"
                + "5\r\nhello\r\n0\r\nx-req: 1\r\n\r\n",
            10_000);
    assertEquals("hello\ntrailers: x-req: 1", r.dechunked(), r.text());
  }

  @Test
  void aFailureBeforeTheResponseIs500AndTheNextRequestWorks() throws Exception {
    HttpResponse<String> failed = send("GET", "/fail", null);
    assertEquals(500, failed.statusCode());
    assertEquals(500, send("GET", "/throw", null).statusCode());
    assertNotNull(fixture.log().awaitContaining("[java-root] handler failed: "));
    assertEquals(200, send("GET", "/info", null).statusCode());
  }

  @Test
  void anErrorStatusCarriesItsFields() throws Exception {
    HttpResponse<String> busy = send("GET", "/busy", null);
    assertEquals(503, busy.statusCode());
    assertEquals(List.of("1"), busy.headers().allValues("retry-after"));
    assertEquals("503 Service Unavailable\n", busy.body());
  }

  @Test
  void anAbortBreaksAChunkedResponse() throws Exception {
    // Keep-alive: a cleanly ended response would leave the connection open until the timeout.
    RawHttp.Reply r = RawHttp.exchange(port, "GET /abort HTTP/1.1\r\nHost: h\r\n\r\n", 10_000);
    assertTrue(r.statusLine().contains(" 200"), r.text());
    assertTrue(r.closed(), "the server closes the connection");
    assertFalse(r.body().endsWith("0\r\n\r\n"), "no final chunk: " + r.body());
  }

  @Test
  void anAbortBreaksTheResponseToARequestThatAskedToClose() throws Exception {
    // Without chunks, a body that ends with the connection would end cleanly even when aborted.
    RawHttp.Reply r =
        RawHttp.exchange(
            port, "GET /abort HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n", 10_000);
    assertTrue(r.statusLine().contains(" 200"), r.text());
    assertTrue(r.head().toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked"), r.head());
    assertTrue(r.closed(), "the server closes the connection");
    assertFalse(r.body().endsWith("0\r\n\r\n"), "no final chunk: " + r.body());
  }

  @Test
  void anAbortBreaksAResponseWithContentLength() throws Exception {
    RawHttp.Reply r =
        RawHttp.exchange(port, "GET /abortlength HTTP/1.1\r\nHost: h\r\n\r\n", 10_000);
    assertTrue(r.statusLine().contains(" 200"), r.text());
    assertTrue(r.closed(), "the server closes the connection");
    assertTrue(r.body().length() < 100_000, "short body");
  }

  @Test
  void aHandlerThatLeavesTheBodyOpenIsAborted() throws Exception {
    RawHttp.Reply r = RawHttp.exchange(port, "GET /noend HTTP/1.1\r\nHost: h\r\n\r\n", 10_000);
    assertTrue(r.closed(), "the server closes the connection");
    assertFalse(r.body().endsWith("0\r\n\r\n"), "no final chunk: " + r.body());
    assertNotNull(fixture.log().awaitContaining("returned without ending the exchange"));
    assertEquals(200, send("GET", "/info", null).statusCode());
  }

  @Test
  void http2CleartextIsServedWhereTheContainerSpeaksIt() throws Exception {
    if (!fixture.h2c()) {
      return;
    }
    HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
    URI info = URI.create("http://127.0.0.1:" + port + "/shop/app/info?h2");
    HttpResponse<String> r = h2.send(HttpRequest.newBuilder(info).build(), BodyHandlers.ofString());
    assertEquals(HttpClient.Version.HTTP_2, r.version());
    assertEquals("GET http 127.0.0.1:" + port + " /info?h2", r.body());
    HttpResponse<String> echo =
        h2.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/echo"))
                .POST(BodyPublishers.ofString("over h2"))
                .build(),
            BodyHandlers.ofString());
    assertEquals(HttpClient.Version.HTTP_2, echo.version());
    assertEquals("over h2", echo.body());
    // An abort resets the stream: the client gets an error, not a clean short body.
    URI abort = URI.create("http://127.0.0.1:" + port + "/abort");
    assertThrows(
        IOException.class,
        () -> h2.send(HttpRequest.newBuilder(abort).build(), BodyHandlers.ofString()));
    assertEquals(
        200, h2.send(HttpRequest.newBuilder(info).build(), BodyHandlers.ofString()).statusCode());
  }

  @Test
  void aMalformedComponentFailsDeploymentWithTheLoadersMessage() throws Exception {
    Path bad = Files.createTempFile("bad", ".wasm");
    Files.write(bad, new byte[] {0, 'a', 's', 'm', 0x0d, 0, 1, 0, 7, 7, 7});
    String name = bad.getFileName().toString().replace(".wasm", "");
    try (ContainerFixture other = newFixture()) {
      int p =
          other.start(
              List.of(Deployment.component("", "bad", "/", Map.of("component", bad.toString()))));
      // The log is the JVM's, shared with other scenarios: this component's line.
      String line =
          other
              .log()
              .awaitContaining(
                  "component "
                      + name
                      + " ("
                      + bad
                      + ") failed to load: malformed component at byte");
      assertNotNull(line, String.join("\n", other.log().lines()));
      RawHttp.Reply r =
          RawHttp.exchange(p, "GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n", 10_000);
      assertNotEquals("HTTP/1.1 200 OK", r.statusLine());
      assertFalse(r.statusLine().contains(" 200"), r.statusLine());
    } finally {
      Files.deleteIfExists(bad);
    }
  }
}
