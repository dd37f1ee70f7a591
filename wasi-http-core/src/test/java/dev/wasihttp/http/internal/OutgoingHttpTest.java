package dev.wasihttp.http.internal;

import static dev.wasihttp.http.internal.HttpHarness.HANDLER;
import static dev.wasihttp.http.internal.HttpHarness.POLL;
import static dev.wasihttp.http.internal.HttpHarness.STREAMS;
import static dev.wasihttp.http.internal.HttpHarness.TYPES;
import static dev.wasihttp.http.internal.HttpHarness.bytes;
import static dev.wasihttp.http.internal.HttpHarness.entry;
import static dev.wasihttp.http.internal.HttpHarness.err;
import static dev.wasihttp.http.internal.HttpHarness.ok;
import static dev.wasihttp.http.internal.HttpHarness.str;
import static dev.wasihttp.http.internal.HttpHarness.variant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.component.host.ResourceTable;
import dev.wasihttp.component.limits.MemoryBudget;
import dev.wasihttp.component.values.Val;
import dev.wasihttp.http.client.jetty.JettyOutgoingHandler;
import dev.wasihttp.wasi.internal.Host;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code wasi:http/outgoing-handler} on Jetty's client, driven through the host functions as a
 * guest calls them, against an upstream Jetty server on 127.0.0.1 (tests reach only loopback).
 */
class OutgoingHttpTest {
  static Upstream upstream;
  static int port;
  static final List<String> log = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void startUpstream() throws Exception {
    upstream = new Upstream();
    port = upstream.port;
  }

  @AfterAll
  static void stopUpstream() throws Exception {
    upstream.close();
  }

  static HttpHarness.Outgoing client(String policy, Duration timeouts) {
    return HttpHarness.jetty(
        JettyOutgoingHandler.options()
            .connectTimeout(timeouts)
            .firstByteTimeout(timeouts)
            .betweenBytesTimeout(timeouts)
            .build(),
        policy,
        (level, line) -> log.add(level + " " + line));
  }

  static HttpHarness.Outgoing client(String policy) {
    return client(policy, Duration.ofSeconds(30));
  }

  static HttpHarness harness(HttpHarness.Outgoing client) {
    return new HttpHarness(HttpTypesHostTest.request("GET"), client);
  }

  /** Builds a request as a guest does, with one header field {@code x-custom: yes}. */
  static Val request(HttpHarness h, String method, String scheme, String authority, String path) {
    return request(h, method, scheme, authority, path, h.fields(entry("x-custom", "yes")));
  }

  /**
   * Builds a request as a guest does, with these header fields; a null scheme or path is left
   * unset.
   */
  static Val request(
      HttpHarness h, String method, String scheme, String authority, String path, Val fields) {
    Val req = h.call(TYPES, "[constructor]outgoing-request", fields);
    ok(h.method("outgoing-request", "set-method", req, variant(method)));
    if (scheme != null) {
      ok(h.method("outgoing-request", "set-scheme", req, Val.Option.some(variant(scheme))));
    }
    ok(h.method("outgoing-request", "set-authority", req, Val.Option.some(str(authority))));
    if (path != null) {
      ok(h.method("outgoing-request", "set-path-with-query", req, Val.Option.some(str(path))));
    }
    return req;
  }

  /** Writes {@code text} to an outgoing body's stream and drops the stream. */
  static void write(HttpHarness h, Val body, String text) {
    Val out = ok(h.method("outgoing-body", "write", body));
    h.method(STREAMS, "output-stream", "blocking-write-and-flush", out, bytes(text));
    h.drop(STREAMS, "output-stream", out);
  }

  /** Waits on the future and returns {@code get}'s inner result. */
  static Val.Result await(HttpHarness h, Val future) {
    Val pollable = h.method("future-incoming-response", "subscribe", future);
    h.method(POLL, "pollable", "block", pollable);
    h.drop(POLL, "pollable", pollable);
    Val.Option got = (Val.Option) h.method("future-incoming-response", "get", future);
    Val.Result once = (Val.Result) ok(got.value());
    assertEquals(
        Val.Option.some(Val.Result.err(null)),
        h.method("future-incoming-response", "get", future),
        "the result is given once");
    return once;
  }

  static String readAll(HttpHarness h, Val stream) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      Val.Result r =
          (Val.Result)
              h.method(STREAMS, "input-stream", "blocking-read", stream, new Val.U64(65536));
      if (!r.isOk()) {
        assertEquals(variant("closed"), r.value());
        return out.toString(StandardCharsets.ISO_8859_1);
      }
      out.writeBytes(Host.bytes(r.value()));
    }
  }

  static List<String> headers(HttpHarness h, Val fields) {
    List<String> out = new ArrayList<>(HttpTypesHostTest.entries(h, fields));
    out.removeIf(s -> s.toLowerCase().startsWith("date:") || s.toLowerCase().startsWith("server:"));
    return out;
  }

  @Test
  void postStreamsTheBodyBeforeAndAfterHandleWithTrailers() {
    try (var client = client("http://127.0.0.1:*");
        HttpHarness h = harness(client)) {
      Val req = request(h, "post", "HTTP", "127.0.0.1:" + port, "/echo?q=1");
      Val body = ok(h.method("outgoing-request", "body", req));
      Val out = ok(h.method("outgoing-body", "write", body));
      h.method(STREAMS, "output-stream", "blocking-write-and-flush", out, bytes("before "));
      Val future = ok(h.call(HANDLER, "handle", req, Val.Option.none()));
      h.method(STREAMS, "output-stream", "blocking-write-and-flush", out, bytes("after"));
      h.drop(STREAMS, "output-stream", out);
      Val trailers = h.fields(entry("x-sum", "42"));
      assertEquals(
          Val.Result.ok(null),
          h.call(TYPES, "[static]outgoing-body.finish", body, Val.Option.some(trailers)));
      Val resp = ok(await(h, future));
      assertEquals(new Val.U16(201), h.method("incoming-response", "status", resp));
      Val fields = h.method("incoming-response", "headers", resp);
      List<String> hs = headers(h, fields);
      assertTrue(hs.contains("x-method: POST"), hs.toString());
      assertTrue(hs.contains("x-path: /echo?q=1"), hs.toString());
      assertTrue(hs.contains("x-host: 127.0.0.1:" + port), hs.toString());
      assertTrue(hs.contains("x-user-agent: null"), "no User-Agent: " + hs);
      assertTrue(hs.contains("x-content-type: null"), "no default Content-Type: " + hs);
      assertTrue(hs.contains("x-accept-encoding: null"), "no Accept-Encoding: " + hs);
      assertTrue(hs.contains("x-x-custom: yes"), hs.toString());
      assertTrue(hs.contains("x-trailer: 42"), "request trailers sent: " + hs);
      assertTrue(
          hs.stream().noneMatch(s -> s.toLowerCase().startsWith("transfer-encoding")),
          hs.toString());
      assertEquals(
          variant("immutable"), err(h.method("fields", "append", fields, str("x"), bytes("1"))));
      h.drop(TYPES, "fields", fields);
      Val rbody = ok(h.method("incoming-response", "consume", resp));
      assertEquals(Val.Result.err(null), h.method("incoming-response", "consume", resp), "once");
      Val in = ok(h.method("incoming-body", "stream", rbody));
      assertEquals("before after", readAll(h, in));
      h.drop(STREAMS, "input-stream", in);
      Val ft = h.call(TYPES, "[static]incoming-body.finish", rbody);
      Val p = h.method("future-trailers", "subscribe", ft);
      h.method(POLL, "pollable", "block", p);
      h.drop(POLL, "pollable", p);
      Val got = ok(ok(((Val.Option) h.method("future-trailers", "get", ft)).value()));
      Val tf = ((Val.Option) got).value();
      assertEquals(List.of("x-echo: done"), HttpTypesHostTest.entries(h, tf));
    }
  }

  @Test
  void anOutgoingRequestBodyCountsWhatItHoldsUnsentAsHostMemory() {
    MemoryBudget memory = new MemoryBudget("host memory", 1 << 20, null);
    try (var client = client("http://127.0.0.1:*");
        HttpHarness h = new HttpHarness(HttpTypesHostTest.request("GET"), client, memory)) {
      Val req = request(h, "post", "HTTP", "127.0.0.1:" + port, "/echo");
      Val body = ok(h.method("outgoing-request", "body", req));
      Val out = ok(h.method("outgoing-body", "write", body));
      long before = memory.used();
      ok(h.method(STREAMS, "output-stream", "check-write", out));
      h.method(STREAMS, "output-stream", "write", out, bytes("x".repeat(1000)));
      assertEquals(before + 1000, memory.used(), "not sent before handle");
      Val future = ok(h.call(HANDLER, "handle", req, Val.Option.none()));
      long handled = memory.used();
      h.drop(STREAMS, "output-stream", out);
      assertEquals(
          Val.Result.ok(null),
          h.call(TYPES, "[static]outgoing-body.finish", body, Val.Option.none()));
      assertEquals(
          handled - 1000 - 2 * ResourceTable.ENTRY_COST,
          memory.used(),
          "the stream, the body and what it held are given back");
      Val resp = ok(await(h, future));
      assertEquals(new Val.U16(201), h.method("incoming-response", "status", resp));
    }
    assertEquals(0, memory.used());
  }

  @Test
  void getWithoutABody() {
    try (var client = client("http://127.0.0.1:*");
        HttpHarness h = harness(client)) {
      Val req = request(h, "get", "HTTP", "127.0.0.1:" + port, "/");
      Val future = ok(h.call(HANDLER, "handle", req, Val.Option.none()));
      Val resp = ok(await(h, future));
      List<String> hs = headers(h, h.method("incoming-response", "headers", resp));
      assertTrue(hs.contains("x-method: GET"), hs.toString());
    }
  }

  static Val errorOf(HttpHarness h, Val req, Val options) {
    Val future = ok(h.call(HANDLER, "handle", req, options));
    return err(await(h, future));
  }

  @Test
  void deniedHostOpensNoConnection() {
    log.clear();
    int before = upstream.connections.get();
    try (var client = client("http://example.com, *://*:*");
        HttpHarness h = harness(client)) {
      // A wildcard never reaches loopback: neither as a literal nor through a name.
      assertEquals(
          variant("HTTP-request-denied"),
          errorOf(h, request(h, "get", "HTTP", "127.0.0.1:" + port, "/"), Val.Option.none()));
      assertEquals(
          variant("HTTP-request-denied"),
          errorOf(h, request(h, "get", "HTTP", "localhost:" + port, "/"), Val.Option.none()));
    }
    assertEquals(before, upstream.connections.get(), "no connection reached the upstream");
    assertTrue(
        log.stream().anyMatch(l -> l.contains("127.0.0.1:" + port) && l.contains("denied")),
        log.toString());
    assertTrue(
        log.stream().anyMatch(l -> l.contains("localhost:" + port) && l.contains("denied")),
        "a denial on the resolved address is logged too: " + log);
  }

  @Test
  void badSchemeAndMissingPath() {
    try (var client = client("*://*:*");
        HttpHarness h = harness(client)) {
      Val req =
          h.call(TYPES, "[constructor]outgoing-request", h.call(TYPES, "[constructor]fields"));
      ok(
          h.method(
              "outgoing-request",
              "set-scheme",
              req,
              Val.Option.some(new Val.Variant("other", str("ftp")))));
      ok(h.method("outgoing-request", "set-authority", req, Val.Option.some(str("x.example"))));
      ok(h.method("outgoing-request", "set-path-with-query", req, Val.Option.some(str("/"))));
      assertEquals(variant("HTTP-protocol-error"), errorOf(h, req, Val.Option.none()));
      Val nopath = request(h, "get", "HTTP", "x.example", null);
      assertEquals(variant("HTTP-request-URI-invalid"), errorOf(h, nopath, Val.Option.none()));
    }
  }

  @Test
  void connectionRefusedOnAClosedLoopbackPort() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      closed = s.getLocalPort();
    }
    try (var client = client("http://127.0.0.1:*");
        HttpHarness h = harness(client)) {
      assertEquals(
          variant("connection-refused"),
          errorOf(h, request(h, "get", "HTTP", "127.0.0.1:" + closed, "/"), Val.Option.none()));
    }
  }

  @Test
  void unknownHostIsADnsError() {
    try (var client = client("http://nonexistent.invalid");
        HttpHarness h = harness(client)) {
      Val e = errorOf(h, request(h, "get", "HTTP", "nonexistent.invalid", "/"), Val.Option.none());
      assertEquals("DNS-error", ((Val.Variant) e).caseName(), e.toString());
    }
  }

  static Val options(HttpHarness h, String setter, long millis) {
    Val o = h.call(TYPES, "[constructor]request-options");
    ok(h.method("request-options", setter, o, Val.Option.some(new Val.U64(millis * 1_000_000))));
    return Val.Option.some(o);
  }

  @Test
  @Timeout(60) // the client's own connect timeout is far longer: only the request's ends in time
  void connectTimeoutOnALoopbackBacklogThatNeverAccepts() throws Exception {
    List<Socket> fillers = new ArrayList<>();
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        var client = client("http://127.0.0.1:*", JettyOutgoingHandler.DEFAULT_TIMEOUT);
        HttpHarness h = harness(client)) {
      // Fill the accept queue so the next connection attempt hangs.
      for (int i = 0; i < 4; i++) {
        Socket f = new Socket();
        try {
          f.connect(new InetSocketAddress("127.0.0.1", s.getLocalPort()), 200);
          fillers.add(f);
        } catch (IOException e) {
          f.close();
          break;
        }
      }
      long t0 = System.nanoTime();
      Val req = request(h, "get", "HTTP", "127.0.0.1:" + s.getLocalPort(), "/");
      assertEquals(
          variant("connection-timeout"), errorOf(h, req, options(h, "set-connect-timeout", 300)));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(ms >= 250, "failed before the 300 ms connect timeout: " + ms + " ms");
    } finally {
      for (Socket f : fillers) {
        f.close();
      }
    }
  }

  @Test
  void firstByteTimeout() {
    try (var client = client("http://127.0.0.1:*");
        HttpHarness h = harness(client)) {
      Val req = request(h, "get", "HTTP", "127.0.0.1:" + port, "/slow");
      Val future = ok(h.call(HANDLER, "handle", req, options(h, "set-first-byte-timeout", 300)));
      assertEquals(
          Val.Option.none(),
          h.method("future-incoming-response", "get", future),
          "none while pending");
      assertEquals(variant("connection-read-timeout"), err(await(h, future)));
    }
  }

  @Test
  void droppingTheBodyUnfinishedAbortsTheRequest() {
    try (var client = client("http://127.0.0.1:*");
        HttpHarness h = harness(client)) {
      Val req = request(h, "post", "HTTP", "127.0.0.1:" + port, "/echo");
      Val body = ok(h.method("outgoing-request", "body", req));
      Val future = ok(h.call(HANDLER, "handle", req, Val.Option.none()));
      h.drop(TYPES, "outgoing-body", body);
      Val.Result r = await(h, future);
      assertTrue(!r.isOk(), "the request failed: " + r);
    }
  }

  @Test
  void aPendingFutureDroppedAbortsItsRequestAndTheClientGoesOn() {
    try (var client = client("http://127.0.0.1:*")) {
      try (HttpHarness h = harness(client)) {
        Val req = request(h, "get", "HTTP", "127.0.0.1:" + port, "/slow");
        Val future = ok(h.call(HANDLER, "handle", req, Val.Option.none()));
        h.drop(TYPES, "future-incoming-response", future);
      }
      try (HttpHarness h = harness(client)) {
        Val req = request(h, "get", "HTTP", "127.0.0.1:" + port, "/echo");
        Val resp = ok(await(h, ok(h.call(HANDLER, "handle", req, Val.Option.none()))));
        assertEquals(new Val.U16(201), h.method("incoming-response", "status", resp));
      }
    }
  }

  @Test
  void aBodyShorterThanItsContentLengthFailsFinish() {
    try (var client = client("http://127.0.0.1:*");
        HttpHarness h = harness(client)) {
      Val req =
          request(
              h,
              "post",
              "HTTP",
              "127.0.0.1:" + port,
              "/echo",
              h.fields(entry("content-length", "10")));
      Val body = ok(h.method("outgoing-request", "body", req));
      Val future = ok(h.call(HANDLER, "handle", req, Val.Option.none()));
      write(h, body, "abc");
      assertEquals(
          new Val.Variant("HTTP-request-body-size", Val.Option.some(new Val.U64(3))),
          err(h.call(TYPES, "[static]outgoing-body.finish", body, Val.Option.none())));
      assertTrue(!await(h, future).isOk(), "the request was aborted");
    }
  }

  @Test
  void expectContinueIsNotSentAndTheBodyGoesAtOnce() {
    try (var client = client("http://127.0.0.1:*");
        HttpHarness h = harness(client)) {
      Val req =
          request(
              h,
              "put",
              "HTTP",
              "127.0.0.1:" + port,
              "/echo",
              h.fields(entry("expect", "100-continue")));
      Val body = ok(h.method("outgoing-request", "body", req));
      Val future = ok(h.call(HANDLER, "handle", req, Val.Option.none()));
      write(h, body, "payload");
      ok(h.call(TYPES, "[static]outgoing-body.finish", body, Val.Option.none()));
      Val resp = ok(await(h, future));
      // Jetty's client would wait for a 100 and buffer a final answer sent without one: the host
      // drops the expectation and sends the body at once; the guest sees the final response.
      assertEquals(new Val.U16(201), h.method("incoming-response", "status", resp));
      assertTrue(
          headers(h, h.method("incoming-response", "headers", resp)).contains("x-expect: null"),
          "no Expect reached the upstream");
      Val in =
          ok(
              h.method(
                  "incoming-body", "stream", ok(h.method("incoming-response", "consume", resp))));
      assertEquals("payload", readAll(h, in));
    }
  }
}
