package dev.wasihttp.http.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.component.EngineMode;
import dev.wasihttp.http.HttpField;
import dev.wasihttp.http.client.OutboundPolicy;
import dev.wasihttp.http.internal.Upstream;
import dev.wasihttp.wasi.WasiConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The proxy-c sample through {@link WasiHttpHandler}: every request is forwarded to a Jetty
 * upstream on 127.0.0.1 (named by {@code x-upstream} or {@code UPSTREAM}) through {@code
 * wasi:http/outgoing-handler}, with an outbound policy that allows only {@code http://127.0.0.1:*}.
 */
class ProxyCHandlerTest {
  static final Samples.Lines LOG = new Samples.Lines();
  static Upstream upstream;
  static String target;
  static final Map<EngineMode, WasiHttpHandler> HANDLERS = new EnumMap<>(EngineMode.class);

  @BeforeAll
  static void start() throws Exception {
    upstream = new Upstream();
    target = "http://" + upstream.authority();
    for (EngineMode mode : List.of(EngineMode.INTERPRETER, EngineMode.COMPILER)) {
      HANDLERS.put(mode, handler(mode, null));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    HANDLERS.values().forEach(WasiHttpHandler::close);
    upstream.close();
  }

  /** A handler for proxy-c with {@code UPSTREAM} set to {@code env} (null: unset). */
  static WasiHttpHandler handler(EngineMode mode, String env) throws Exception {
    return handler(mode, env, "http://127.0.0.1:*");
  }

  static WasiHttpHandler handler(EngineMode mode, String env, String policy) throws Exception {
    WasiConfig.Builder wasi = WasiHttpConfig.wasiBuilder("proxy-c", LOG);
    if (env != null) {
      wasi.env("UPSTREAM", env);
    }
    return WasiHttpHandler.create(
        Samples.load(Samples.PROXY_C, mode),
        WasiHttpConfig.builder()
            .componentName("proxy-c")
            .log(LOG)
            .wasi(wasi.build())
            .outboundPolicy(OutboundPolicy.parse(policy))
            .build());
  }

  static MemoryExchange run(EngineMode mode, MemoryExchange x) {
    HANDLERS.get(mode).handle(x);
    return x;
  }

  static MemoryExchange to(String upstreamUrl, String method, String path) {
    return new MemoryExchange(method, path).header("x-upstream", upstreamUrl);
  }

  static String trailer(MemoryExchange x, String name) {
    for (HttpField f : x.trailers) {
      if (f.name().equalsIgnoreCase(name)) {
        return f.latin1Value();
      }
    }
    return null;
  }

  static void assertProxyError(MemoryExchange x, String name) {
    assertEquals(List.of("respond 502", "finish"), x.calls, () -> x.calls + " " + x.bodyText());
    assertEquals(name, x.header("x-proxy-error"));
    assertEquals("text/plain; charset=utf-8", x.header("content-type"));
    assertEquals(name + "\n", x.bodyText());
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void statusHeadersBodyAndTrailersOfTheUpstreamComeBack(EngineMode mode) {
    MemoryExchange x =
        run(
            mode,
            to(target + "/", "GET", "/echo?q=1")
                .header("x-custom", "yes")
                .header("Host", "proxy.example")
                .header("x-first-byte-timeout-ms", "5000"));
    assertEquals(List.of("respond 201", "finish"), x.calls);
    assertEquals("GET", x.header("x-method"));
    assertEquals("/echo?q=1", x.header("x-path"));
    assertEquals(upstream.authority(), x.header("x-host"), "host comes from the upstream");
    assertEquals("yes", x.header("x-x-custom"));
    assertEquals("null", x.header("x-x-upstream"), "x-upstream is not forwarded");
    assertEquals("null", x.header("x-x-first-byte-timeout-ms"), "nor the timeout headers");
    assertEquals("null", x.header("x-transfer-encoding"), "a GET goes without a body");
    assertEquals("null", x.header("x-content-length"));
    assertEquals("", x.bodyText());
    assertEquals("done", trailer(x, "x-echo"), "the upstream's trailers are forwarded");
    assertNull(x.header("x-proxy-error"));
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void aStreamedRequestBodyAndItsTrailersReachTheUpstream(EngineMode mode) throws Exception {
    byte[] body = Samples.randomBytes(256 * 1024);
    for (int i = 0; i < body.length; i++) {
      body[i] = (byte) ('a' + (body[i] & 15)); // ASCII: the upstream echoes text
    }
    PipedOutputStream client = new PipedOutputStream();
    MemoryExchange x =
        to(target, "PUT", "/echo")
            .header("content-type", "application/octet-stream")
            .header("Expect", "100-continue")
            .body(new PipedInputStream(client, 64 * 1024));
    x.requestTrailers = List.of(HttpField.latin1("x-sum", "42"));
    int before = upstream.requests.get();
    boolean[] sentBeforeTheEnd = new boolean[1];
    Thread t =
        new Thread(
            () -> {
              try (OutputStream out = client) {
                out.write(body, 0, 100_000);
                out.flush();
                // The request head goes upstream before the client has sent the whole body.
                long deadline = System.currentTimeMillis() + 30_000; // ends when it sees it
                while (upstream.requests.get() == before && System.currentTimeMillis() < deadline) {
                  Thread.sleep(5);
                }
                sentBeforeTheEnd[0] = upstream.requests.get() > before;
                out.write(body, 100_000, body.length - 100_000);
              } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
              }
            },
            "test-client");
    t.setDaemon(true);
    t.start();
    run(mode, x);
    t.join(30_000);
    assertTrue(sentBeforeTheEnd[0], "the upstream saw the request before its body was complete");
    assertEquals(List.of("respond 201", "finish"), x.calls);
    assertEquals("PUT", x.header("x-method"));
    assertEquals("chunked", x.header("x-transfer-encoding"));
    assertEquals("application/octet-stream", x.header("x-content-type"));
    assertEquals("null", x.header("x-expect"), "expect is not forwarded");
    assertEquals("42", x.header("x-trailer"), "the request trailers reached the upstream");
    assertArrayEquals(body, x.body.toByteArray());
    assertEquals("done", trailer(x, "x-echo"));
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void theResponseStreamsBackWhileTheRequestBodyIsStillArriving(EngineMode mode) throws Exception {
    byte[] body = Samples.randomBytes(4 * 1024 * 1024);
    MemoryExchange x = to(target, "POST", "/duplex");
    boolean[] early = new boolean[1];
    Thread client = Samples.duplexClient(x, body, 512 * 1024, early);
    run(mode, x);
    client.join(10_000);
    assertTrue(early[0], "response bytes flowed before the request body was complete");
    assertEquals(List.of("respond 200", "finish"), x.calls);
    assertArrayEquals(body, x.body.toByteArray());
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void aBodyWithContentLengthKeepsIt(EngineMode mode) {
    MemoryExchange x =
        run(
            mode,
            to(target, "POST", "/echo").header("Content-Length", "5").body("hello".getBytes()));
    assertEquals(List.of("respond 201", "finish"), x.calls);
    assertEquals("5", x.header("x-content-length"));
    assertEquals("null", x.header("x-transfer-encoding"));
    assertEquals("hello", x.bodyText());
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void aBodyShorterThanItsContentLengthIsReportedFromFinish(EngineMode mode) {
    MemoryExchange x =
        run(
            mode,
            to(target, "POST", "/echo").header("Content-Length", "10").body("abc".getBytes()));
    assertProxyError(x, "HTTP-request-body-size");
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void aClientBodyThatFailsAbortsTheUpstreamRequest(EngineMode mode) {
    InputStream failing =
        new InputStream() {
          int left = 10_000;

          @Override
          public int read() throws IOException {
            if (left-- > 0) {
              return 'x';
            }
            throw new IOException("client went away");
          }
        };
    int before = LOG.snapshot().size();
    MemoryExchange x = run(mode, to(target, "POST", "/echo").body(failing));
    // The dropped outgoing-body aborts the upstream request; the host reports that as
    // HTTP-protocol-error (the answer only matters to a client that is still there). The 502
    // ends cleanly, so the body's failure is the request's one line.
    assertProxyError(x, "HTTP-protocol-error");
    assertEquals(
        List.of("INFO [proxy-c] the request body failed: java.io.IOException: client went away"),
        LOG.snapshot().subList(before, LOG.snapshot().size()));
  }

  /**
   * The upstream answers 302 without reading a 1 MiB body and closes the connection while the body
   * is still going up. The proxy's next write fails ({@code EPIPE}: the upstream's kernel reset the
   * connection), and Jetty's client then fails the whole exchange, response included, whether or
   * not the 302 is already in the socket's buffer (a reset may also discard it, RFC 9112 section
   * 9.6). So which outcome a client sees is a race on the upstream's network, decided by when the
   * proxy's reader parses the 302 relative to that write; each is reported deterministically:
   *
   * <ul>
   *   <li>the 302 parsed and its body read before the write failed: the whole 302;
   *   <li>the head parsed, the body not: the body stream fails with {@code
   *       HTTP-response-incomplete} and the proxy aborts the 302 it had started;
   *   <li>nothing parsed: the response future fails with {@code connection-terminated} (the
   *       connection to the next hop closed before a response), which proxy-c answers with 502.
   * </ul>
   *
   * <p>Nothing else (no other error-code, no 500, no hang).
   */
  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  @Timeout(30) // a hang guard only: the outcome is what is asserted
  void anUpstreamAnsweringWithoutReadingTheBodyNeverHangsTheProxy(EngineMode mode) {
    MemoryExchange x = run(mode, to(target, "POST", "/redirect").body(new byte[1024 * 1024]));
    if (x.calls.get(0).equals("respond 502")) {
      assertProxyError(x, "connection-terminated");
      return;
    }
    assertEquals("respond 302", x.calls.get(0), x.calls::toString);
    assertEquals("/echo", x.header("location"));
    if (x.calls.equals(List.of("respond 302", "finish"))) {
      assertEquals("moved", x.bodyText());
    } else {
      assertEquals(List.of("respond 302", "abort"), x.calls);
    }
  }

  /**
   * A container that accepted 10,000 request headers (Jetty and Tomcat refuse them by default):
   * proxy-c clones them for its outgoing request, the clone passes the 128 KiB fields cap and
   * traps, and the host answers 500 with one line; the next request is served.
   */
  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void tenThousandRequestHeadersMeetTheFieldsCap(EngineMode mode) {
    MemoryExchange x = to(target, "GET", "/echo");
    for (int i = 0; i < 10_000; i++) {
      x.header("x-h-" + i, Integer.toString(i));
    }
    int before = LOG.snapshot().size();
    run(mode, x);
    assertEquals(List.of("fail 500"), x.calls);
    List<String> lines = LOG.snapshot().subList(before, LOG.snapshot().size());
    assertEquals(1, lines.size(), lines::toString);
    assertTrue(lines.get(0).contains("[proxy-c] answered 500: the guest trapped"), lines::toString);
    assertEquals(List.of("respond 201", "finish"), run(mode, to(target, "GET", "/echo")).calls);
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void headKeepsTheUpstreamHeadersWithoutABody(EngineMode mode) {
    MemoryExchange x = run(mode, to(target, "HEAD", "/echo"));
    assertEquals(List.of("respond 201", "finish"), x.calls);
    assertEquals("HEAD", x.header("x-method"));
    assertEquals(0, x.body.size());
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void aLargeUpstreamBodyStreamsBack(EngineMode mode) {
    MemoryExchange x = run(mode, to(target, "GET", "/big=1048576"));
    assertEquals(List.of("respond 200", "finish"), x.calls);
    assertEquals(1048576, x.body.size());
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void theEnvironmentNamesTheUpstreamWhenTheHeaderIsAbsent(EngineMode mode) throws Exception {
    int closed = closedPort();
    try (WasiHttpHandler h = handler(mode, target)) {
      MemoryExchange x = new MemoryExchange("GET", "/echo");
      h.handle(x);
      assertEquals(List.of("respond 201", "finish"), x.calls);
      assertEquals("/echo", x.header("x-path"));
    }
    try (WasiHttpHandler h = handler(mode, "http://127.0.0.1:" + closed)) {
      MemoryExchange x = to(target, "GET", "/echo");
      h.handle(x);
      assertEquals(List.of("respond 201", "finish"), x.calls, "x-upstream wins");
    }
  }

  static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void aClosedPortIsConnectionRefused(EngineMode mode) throws Exception {
    assertProxyError(
        run(mode, to("http://127.0.0.1:" + closedPort(), "GET", "/")), "connection-refused");
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void aHostThePolicyDoesNotNameIsDenied(EngineMode mode) {
    assertProxyError(
        run(mode, to("http://localhost:" + upstream.port, "GET", "/echo")), "HTTP-request-denied");
    assertProxyError(
        run(mode, to("https://127.0.0.1:" + upstream.port, "GET", "/echo")), "HTTP-request-denied");
    assertTrue(LOG.contains("denied by policy"), LOG.snapshot()::toString);
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void httpsToAPlainHttpPortIsATlsProtocolError(EngineMode mode) throws Exception {
    try (WasiHttpHandler h = handler(mode, null, "https://127.0.0.1:*")) {
      MemoryExchange x = to("https://127.0.0.1:" + upstream.port, "GET", "/echo");
      h.handle(x);
      assertProxyError(x, "TLS-protocol-error");
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void aFirstByteTimeoutIsAConnectionReadTimeout(EngineMode mode) {
    long t0 = System.nanoTime();
    MemoryExchange x =
        run(mode, to(target, "GET", "/slow").header("x-first-byte-timeout-ms", "300"));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    // /slow answers after 2 s (and the handler's own timeout is 600 s): the error says the
    // request's 300 ms ran out first.
    assertProxyError(x, "connection-read-timeout");
    assertTrue(ms >= 250, "failed before the 300 ms first-byte timeout: " + ms + " ms");
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void anUpstreamBodyThatStallsIsAbortedMidway(EngineMode mode) {
    MemoryExchange x =
        run(mode, to(target, "GET", "/stall").header("x-between-bytes-timeout-ms", "300"));
    assertEquals(List.of("respond 200", "abort"), x.calls);
    assertEquals("first", x.bodyText());
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void withoutAnUpstreamTheProxyAnswers500(EngineMode mode) {
    MemoryExchange x = run(mode, new MemoryExchange("GET", "/"));
    assertEquals(List.of("respond 500", "finish"), x.calls);
    assertEquals(
        "no upstream: set the x-upstream request header or the UPSTREAM environment variable\n",
        x.bodyText());
    assertNull(x.header("x-proxy-error"));
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void malformedHeadersAre400(EngineMode mode) {
    for (String bad :
        new String[] {
          "ftp://127.0.0.1", "http://", "127.0.0.1:80", "http://h/path", "http://h:x"
        }) {
      MemoryExchange x = run(mode, to(bad, "GET", "/"));
      assertEquals(List.of("respond 400", "finish"), x.calls, bad);
      assertEquals(
          "invalid x-upstream: " + bad + " (expected http://host[:port] or https://host[:port])\n",
          x.bodyText());
    }
    MemoryExchange x = run(mode, to(target, "GET", "/").header("x-connect-timeout-ms", "1.5"));
    assertEquals(List.of("respond 400", "finish"), x.calls);
    assertEquals("invalid x-connect-timeout-ms: expected decimal milliseconds\n", x.bodyText());
  }
}
