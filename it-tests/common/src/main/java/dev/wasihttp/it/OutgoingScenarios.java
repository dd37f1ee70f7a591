package dev.wasihttp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
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
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.AbstractConnectionPool;
import org.eclipse.jetty.client.ConnectionPool;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.client.transport.HttpClientTransportDynamic;
import org.eclipse.jetty.io.ClientConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Outgoing HTTP end to end: a client calls {@code WasiHttpServlet}, whose guest sends a request
 * through {@code wasi:http/outgoing-handler} to an {@link Upstream} started by the test (loopback
 * only), and the upstream's answer comes back to the client.
 *
 * <p>The proxy-c sample forwards every request to the upstream named by its {@code x-upstream}
 * header (else {@code env.UPSTREAM}), with request-options from {@code x-*-timeout-ms} headers, and
 * answers a failure with 502 and {@code x-proxy-error: <error-code case>}. Mounts (context paths,
 * each mapped at {@code /}):
 *
 * <ul>
 *   <li>{@code /proxy}: proxy-c, the servlet's own client, the upstream's certificate trusted
 *       through the {@code trustStore} init-param; allowed: the three upstream ports, a closed
 *       port, a port that never accepts, and {@code nonexistent.invalid};
 *   <li>{@code /untrusted}: the same without the trust store;
 *   <li>{@code /defaults}: {@code outboundFirstByteTimeout=300ms} as the default request option;
 *   <li>{@code /pooled}: an application's Jetty HttpClient handed in through the ServletContext
 *       attribute named by {@code httpClientAttribute}, so the test can count its connections;
 *   <li>{@code /js}: the hello-js sample, whose {@code /fetch?url=} route uses {@code fetch()}.
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class OutgoingScenarios {
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private ContainerFixture fixture;
  private Upstream upstream;
  private org.eclipse.jetty.client.HttpClient appClient;
  private ServerSocket closedPort;
  private ServerSocket backlog;
  private final List<Socket> backlogFillers = new ArrayList<>();
  private int port;

  /** A new, unstarted fixture of the container under test. */
  protected abstract ContainerFixture newFixture();

  @BeforeAll
  void start() throws Exception {
    upstream = new Upstream();
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s; // closed at once: connecting to its port is refused
    }
    backlog = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    fillBacklog();
    String proxy = Samples.component("proxy-c").toString();
    String loopback = "127.0.0.1";
    String allow =
        String.join(
            ", ",
            "http://" + loopback + ":" + upstream.http,
            "https://" + loopback + ":" + upstream.https,
            "https://" + loopback + ":" + upstream.https11,
            "http://" + loopback + ":" + closedPort.getLocalPort(),
            "http://" + loopback + ":" + backlog.getLocalPort(),
            "http://nonexistent.invalid");
    Map<String, String> proxyParams =
        Map.of(
            "component", proxy,
            "env.UPSTREAM", "http://" + loopback + ":" + upstream.http,
            "allowOutbound", allow);
    // Not started: the servlet sets it up, starts it, and never stops it.
    appClient =
        new org.eclipse.jetty.client.HttpClient(
            new HttpClientTransportDynamic(new ClientConnector()));
    fixture = newFixture();
    port =
        fixture.start(
            List.of(
                Deployment.component("/proxy", "proxy", "/", proxyParams)
                    .with("trustStore", upstream.trustStore.toString())
                    .with("trustStorePassword", Upstream.PASSWORD),
                Deployment.component("/untrusted", "untrusted", "/", proxyParams),
                Deployment.component("/defaults", "defaults", "/", proxyParams)
                    .with("outboundFirstByteTimeout", "300ms"),
                Deployment.component("/pooled", "pooled", "/", proxyParams)
                    .with("httpClientAttribute", "app.httpClient")
                    .withContextAttribute("app.httpClient", appClient),
                Deployment.component(
                    "/js",
                    "hello-js",
                    "/",
                    Map.of(
                        "component",
                        Samples.component("hello-js").toString(),
                        "allowOutbound",
                        "http://" + loopback + ":" + upstream.http))));
  }

  /** Fills the backlog of a socket that never accepts, so the next connection attempt hangs. */
  private void fillBacklog() {
    for (int i = 0; i < 8; i++) {
      Socket s = new Socket();
      try {
        s.connect(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), backlog.getLocalPort()), 200);
        backlogFillers.add(s);
      } catch (IOException e) {
        try {
          s.close();
        } catch (IOException ignored) {
          // nothing to close
        }
        return;
      }
    }
  }

  @AfterAll
  void stop() throws Exception {
    if (fixture != null) {
      fixture.close();
    }
    for (Socket s : backlogFillers) {
      s.close();
    }
    if (backlog != null) {
      backlog.close();
    }
    if (appClient != null) {
      appClient.stop();
    }
    if (upstream != null) {
      upstream.close();
    }
  }

  private HttpResponse<String> send(String path, String body, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                body == null ? "GET" : "POST",
                body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return client.send(b.build(), BodyHandlers.ofString());
  }

  private static String header(HttpResponse<?> r, String name) {
    return r.headers().firstValue(name).orElse(null);
  }

  private void assertProxyError(HttpResponse<String> r, String errorCase) {
    assertEquals(502, r.statusCode(), r::body);
    assertEquals(errorCase, header(r, "x-proxy-error"), r::body);
  }

  @Test
  void aStreamedBodyAndItsTrailerGoUpAndStatusHeadersBodyAndTrailerComeBack() throws Exception {
    byte[] first = "a".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
    byte[] second = "b".repeat(1000).getBytes(StandardCharsets.US_ASCII);
    long before = upstream.received.get();
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(30_000);
      OutputStream out = s.getOutputStream();
      out.write(
          ("POST /proxy/echo?q=1 HTTP/1.1\r\nHost: client.test\r\nConnection: close\r\n"
                  + "Transfer-Encoding: chunked\r\nTrailer: x-req\r\nx-status: 201\r\n"
                  + "x-echo-a: 1\r\nx-echo-a: 2\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      chunk(out, first);
      // Streamed, not buffered: the upstream has the first part before the client sends more.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (upstream.received.get() - before < first.length && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertTrue(
          upstream.received.get() - before >= first.length,
          "the upstream got "
              + (upstream.received.get() - before)
              + " bytes before the rest was sent");
      chunk(out, second);
      out.write("0\r\nx-req: 42\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      RawHttp.Reply r = new RawHttp.Reply(readAll(s.getInputStream()), true);
      String head = r.head().toLowerCase(Locale.ROOT);
      assertTrue(r.statusLine().startsWith("HTTP/1.1 201"), r.statusLine());
      assertTrue(head.contains("x-upstream-method: post"), head);
      assertTrue(head.contains("x-upstream-path: /echo?q=1"), head);
      assertTrue(head.contains("x-upstream-host: 127.0.0.1:" + upstream.http), head);
      assertTrue(head.contains("x-upstream-transfer-encoding: chunked"), head);
      assertTrue(head.contains("x-echo-a: 1\r\nx-echo-a: 2"), head);
      assertTrue(head.contains("trailer: x-upstream-trailer"), head);
      assertEquals(
          1, head.split("\r\ndate: ", -1).length - 1, "the upstream's Date, once: " + head);
      assertEquals(
          new String(first, StandardCharsets.US_ASCII)
              + new String(second, StandardCharsets.US_ASCII),
          r.dechunked());
      assertTrue(
          r.body().toLowerCase(Locale.ROOT).contains("\r\n0\r\nx-upstream-trailer: 42\r\n"),
          "the upstream's trailer reaches the client: "
              + r.body().substring(Math.max(0, r.body().length() - 200)));
    }
  }

  private static void chunk(OutputStream out, byte[] data) throws IOException {
    out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.write(data);
    out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    try {
      for (int n; (n = in.read(buf)) >= 0; ) {
        got.write(buf, 0, n);
      }
    } catch (SocketTimeoutException e) {
      throw new IOException("no end of response within the timeout: " + got, e);
    }
    return got.toByteArray();
  }

  @Test
  void tlsWithHttp2AndTheCertificateTrustedThroughTheTrustStoreInitParam() throws Exception {
    HttpResponse<String> r =
        send("/proxy/h2", "over tls", "x-upstream", "https://127.0.0.1:" + upstream.https);
    assertEquals(200, r.statusCode(), r::body);
    assertEquals("HTTP/2.0", header(r, "x-upstream-protocol"));
    assertEquals("true", header(r, "x-upstream-secure"));
    assertEquals("over tls", r.body());
  }

  @Test
  void tlsWithHttp11() throws Exception {
    HttpResponse<String> r =
        send("/proxy/h1", "over tls", "x-upstream", "https://127.0.0.1:" + upstream.https11);
    assertEquals(200, r.statusCode(), r::body);
    assertEquals("HTTP/1.1", header(r, "x-upstream-protocol"));
    assertEquals("true", header(r, "x-upstream-secure"));
    assertEquals("over tls", r.body());
  }

  @Test
  void anUntrustedCertificateIsATlsError() throws Exception {
    assertProxyError(
        send("/untrusted/x", null, "x-upstream", "https://127.0.0.1:" + upstream.https),
        "TLS-protocol-error");
  }

  @Test
  void connectTimeout() throws Exception {
    // The servlet's own connect timeout is 600 s: were the request's ignored, send's 30 s timeout
    // would end the test instead.
    long t0 = System.nanoTime();
    assertProxyError(
        send(
            "/proxy/x",
            null,
            "x-upstream",
            "http://127.0.0.1:" + backlog.getLocalPort(),
            "x-connect-timeout-ms",
            "300"),
        "connection-timeout");
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertTrue(ms >= 250, "failed before the 300 ms connect timeout: " + ms + " ms");
  }

  @Test
  void firstByteTimeout() throws Exception {
    assertProxyError(
        send("/proxy/slow", null, "x-first-byte-timeout-ms", "300"), "connection-read-timeout");
  }

  @Test
  void theFirstByteTimeoutInitParamIsTheDefault() throws Exception {
    assertProxyError(send("/defaults/slow", null), "connection-read-timeout");
  }

  @Test
  void betweenBytesTimeoutBreaksTheResponseAfterItsStart() throws Exception {
    RawHttp.Reply r =
        RawHttp.exchange(
            port,
            "GET /proxy/stall HTTP/1.1\r\nHost: h\r\nx-between-bytes-timeout-ms: 300\r\n\r\n",
            10_000);
    assertTrue(r.statusLine().contains(" 200"), r.text());
    assertTrue(r.body().contains("first"), r.text());
    assertTrue(r.closed(), "the server closes the connection");
    assertFalse(r.body().contains("late"), r.text());
    assertFalse(r.body().endsWith("0\r\n\r\n"), "no final chunk: " + r.body());
  }

  @Test
  void connectionRefused() throws Exception {
    assertProxyError(
        send("/proxy/x", null, "x-upstream", "http://127.0.0.1:" + closedPort.getLocalPort()),
        "connection-refused");
  }

  @Test
  void anUnknownHostIsADnsError() throws Exception {
    assertProxyError(
        send("/proxy/x", null, "x-upstream", "http://nonexistent.invalid"), "DNS-error");
  }

  @Test
  void aDeniedHostIsRefusedLoggedAndNeverConnected() throws Exception {
    int opened = upstream.opened.get();
    // The policy names 127.0.0.1 literally; localhost is another name for it, so it is denied.
    assertProxyError(
        send("/proxy/x", null, "x-upstream", "http://localhost:" + upstream.http),
        "HTTP-request-denied");
    assertNotNull(
        fixture
            .log()
            .awaitContaining(
                "outgoing request to http://localhost:" + upstream.http + " denied by policy"),
        () -> String.join("\n", fixture.log().lines()));
    assertEquals(opened, upstream.opened.get(), "no connection was opened");
  }

  @Test
  void aHundredConcurrentProxiedRequestsLeakNoConnection() throws Exception {
    int before = upstream.open();
    int openedBefore = upstream.opened.get();
    long t0 = System.nanoTime();
    List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      all.add(
          client.sendAsync(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/pooled/n" + i))
                  .timeout(Duration.ofSeconds(60))
                  .POST(BodyPublishers.ofString("request " + i))
                  .build(),
              BodyHandlers.ofString()));
    }
    for (int i = 0; i < 100; i++) {
      HttpResponse<String> r = all.get(i).get(90, TimeUnit.SECONDS);
      assertEquals(200, r.statusCode(), r::body);
      assertEquals("/n" + i, header(r, "x-upstream-path"));
      assertEquals("request " + i, r.body());
    }
    System.out.printf(
        "%s: 100 concurrent proxied requests in %d ms over %d upstream connections%n",
        getClass().getSimpleName(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0),
        upstream.opened.get() - openedBefore);
    assertTrue(appClient.isStarted(), "the servlet started the application's client");
    // Every connection went back to the pool: none is still in use. (The waits below end as soon
    // as that holds; their bounds are generous for a busy machine.)
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    int active;
    do {
      active = 0;
      for (Destination d : appClient.getDestinations()) {
        ConnectionPool pool = d.getConnectionPool();
        if (pool instanceof AbstractConnectionPool p) {
          active += p.getActiveConnectionCount();
        }
      }
    } while (active > 0 && System.nanoTime() < deadline && sleep());
    assertEquals(0, active, "connections still in use after every response ended");
    int opened = upstream.opened.get() - openedBefore;
    assertTrue(opened > 0 && opened <= 100, opened + " connections for 100 requests");
    // Stopping the client closes every connection it opened: none was lost track of.
    appClient.stop();
    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (upstream.open() > before && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(upstream.open() <= before, (upstream.open() - before) + " connections left open");
  }

  private static boolean sleep() {
    try {
      Thread.sleep(20);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Test
  void javascriptFetchGoesThroughTheOutgoingHandler() throws Exception {
    String url = "http://127.0.0.1:" + upstream.http + "/from-js?x=1";
    HttpResponse<String> r =
        send("/js/fetch?url=" + url, "sent by fetch", "x-status", "202", "x-echo-b", "3");
    assertEquals(202, r.statusCode(), r::body);
    assertEquals("POST", header(r, "x-upstream-method"));
    assertEquals("/from-js?x=1", header(r, "x-upstream-path"));
    assertEquals("3", header(r, "x-echo-b"));
    assertEquals("js", header(r, "x-wasm-lang"));
    assertEquals("sent by fetch", r.body());

    HttpResponse<String> denied =
        send("/js/fetch?url=http://127.0.0.1:" + upstream.https + "/", null);
    assertEquals(502, denied.statusCode(), denied::body);
    assertTrue(
        denied.body().startsWith("fetch http://127.0.0.1:" + upstream.https + "/ failed"),
        denied.body());
  }
}
