package dev.wasihttp.http.internal;

import static dev.wasihttp.http.internal.HttpHarness.HANDLER;
import static dev.wasihttp.http.internal.HttpHarness.STREAMS;
import static dev.wasihttp.http.internal.HttpHarness.TYPES;
import static dev.wasihttp.http.internal.HttpHarness.ok;
import static dev.wasihttp.http.internal.HttpHarness.variant;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasihttp.component.values.Val;
import dev.wasihttp.http.LogSink;
import dev.wasihttp.http.client.jetty.JettyOutgoingHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.eclipse.jetty.client.HttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Upstreams that break HTTP in the middle of a response, on a raw loopback socket: each failure is
 * the {@code error-code} a guest can act on, never a trap.
 */
class OutgoingResponseFailuresTest {
  static ServerSocket server;
  static Thread acceptor;

  /**
   * Answers each connection with the canned bytes its request path names, then closes it (and says
   * so, so the client never sends a later request on a connection already closed).
   */
  @BeforeAll
  static void start() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                  s.setSoTimeout(5000); // a connection that sends nothing must not stall the rest
                  String path = requestPath(s.getInputStream());
                  if (path.equals("/reset")) {
                    s.setSoLinger(true, 0); // closing sends a TCP reset, not a FIN
                    continue;
                  }
                  OutputStream out = s.getOutputStream();
                  out.write(answer(path));
                  out.flush();
                  s.shutdownOutput();
                  Thread.sleep(50);
                } catch (IOException | InterruptedException | RuntimeException e) {
                  // next connection: one that sent no request line must not stop the server
                }
              }
            },
            "raw-upstream");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  @AfterAll
  static void stop() throws IOException {
    server.close();
  }

  static String requestPath(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      head.write(b);
      byte[] h = head.toByteArray();
      int n = h.length;
      if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
        break;
      }
    }
    String[] line = head.toString(ISO_8859_1).split(" ", 3);
    return line.length > 1 ? line[1] : "";
  }

  static byte[] answer(String path) {
    switch (path) {
      case "/short":
        return "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 100\r\n\r\nabc"
            .getBytes(ISO_8859_1);
      case "/cut-chunk":
        return "HTTP/1.1 200 OK\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nabc"
            .getBytes(ISO_8859_1);
      case "/huge-header":
        return ("HTTP/1.1 200 OK\r\nConnection: close\r\nX-Big: "
                + "a".repeat(300 * 1024)
                + "\r\nContent-Length: 0\r\n\r\n")
            .getBytes(ISO_8859_1);
      case "/huge-trailer":
        return ("HTTP/1.1 200 OK\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nX-Big: "
                + "a".repeat(300 * 1024)
                + "\r\n\r\n")
            .getBytes(ISO_8859_1);
      case "/many-trailers":
        // Small on the wire (6 bytes a field), over the cap as fields count (32 more each).
        return ("HTTP/1.1 200 OK\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n"
                + "t: x\r\n".repeat(5000)
                + "\r\n")
            .getBytes(ISO_8859_1);
      case "/enormous-header":
        // Past the client parser's own limit (four times the cap).
        return ("HTTP/1.1 200 OK\r\nConnection: close\r\nX-Big: "
                + "a".repeat(600 * 1024)
                + "\r\nContent-Length: 0\r\n\r\n")
            .getBytes(ISO_8859_1);
      case "/garbage":
        return "HTTP/1.1 abc\r\n\r\n".getBytes(ISO_8859_1);
      case "/no-head":
        return new byte[0];
      default:
        return "HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"
            .getBytes(ISO_8859_1);
    }
  }

  static HttpHarness.Outgoing client() {
    return OutgoingHttpTest.client("http://127.0.0.1:*");
  }

  static Val.Result get(HttpHarness h, String path) {
    Val req =
        OutgoingHttpTest.request(h, "get", "HTTP", "127.0.0.1:" + server.getLocalPort(), path);
    return OutgoingHttpTest.await(h, ok(h.call(HANDLER, "handle", req, Val.Option.none())));
  }

  /** Reads the response body to its end: the {@code http-error-code} of the failed read. */
  static Val bodyError(HttpHarness h, Val response) {
    Val body = ok(h.method("incoming-response", "consume", response));
    Val stream = ok(h.method("incoming-body", "stream", body));
    while (true) {
      Val.Result r =
          (Val.Result)
              h.method(STREAMS, "input-stream", "blocking-read", stream, new Val.U64(65536));
      if (!r.isOk()) {
        Val.Variant e = (Val.Variant) r.value();
        if (e.caseName().equals("closed")) {
          return e;
        }
        return h.call(TYPES, "http-error-code", e.payload());
      }
    }
  }

  @Test
  void aBodyCutShortOfItsContentLengthIsAnIncompleteResponse() {
    try (var client = client();
        HttpHarness h = OutgoingHttpTest.harness(client)) {
      Val.Result r = get(h, "/short");
      assertEquals(new Val.U16(200), h.method("incoming-response", "status", r.value()));
      assertEquals(some("HTTP-response-incomplete"), bodyError(h, r.value()));
    }
  }

  @Test
  void aChunkedBodyCutMidChunkIsAnIncompleteResponse() {
    try (var client = client();
        HttpHarness h = OutgoingHttpTest.harness(client)) {
      Val.Result r = get(h, "/cut-chunk");
      assertEquals(some("HTTP-response-incomplete"), bodyError(h, r.value()));
    }
  }

  @Test
  void aConnectionClosedBeforeAnyResponseIsTerminated() {
    try (var client = client();
        HttpHarness h = OutgoingHttpTest.harness(client)) {
      assertEquals(variant("connection-terminated"), get(h, "/no-head").value());
    }
  }

  @Test
  void aConnectionResetBeforeAnyResponseIsTerminatedToo() {
    // A reset is the upstream closing: the same error-code as a FIN, never HTTP-protocol-error.
    try (var client = client();
        HttpHarness h = OutgoingHttpTest.harness(client)) {
      assertEquals(variant("connection-terminated"), get(h, "/reset").value());
    }
  }

  @Test
  void aMalformedStatusLineIsAProtocolError() {
    try (var client = client();
        HttpHarness h = OutgoingHttpTest.harness(client)) {
      assertEquals(variant("HTTP-protocol-error"), get(h, "/garbage").value());
    }
  }

  @Test
  void aHeaderSectionOverTheFieldsCapFailsTheResponse() {
    try (var client = client();
        HttpHarness h = OutgoingHttpTest.harness(client)) {
      assertEquals(
          new Val.Variant("HTTP-response-header-section-size", Val.Option.none()),
          get(h, "/huge-header").value());
      // Past the parser's limit too: Jetty stops reading, with the same code.
      assertEquals(
          new Val.Variant("HTTP-response-header-section-size", Val.Option.none()),
          get(h, "/enormous-header").value());
      // The connection was closed, the client goes on.
      assertEquals(
          new Val.U16(404), h.method("incoming-response", "status", get(h, "/other").value()));
    }
  }

  @Test
  void aSuppliedClientWithoutAHeaderLimitIsCappedToo() throws Exception {
    HttpClient app = new HttpClient();
    app.start();
    try (var client =
            HttpHarness.jetty(
                JettyOutgoingHandler.options().httpClient(app).build(),
                "http://127.0.0.1:*",
                LogSink.discard());
        HttpHarness h = OutgoingHttpTest.harness(client)) {
      assertEquals(
          new Val.Variant("HTTP-response-header-section-size", Val.Option.none()),
          get(h, "/huge-header").value());
    } finally {
      app.stop();
    }
  }

  @Test
  void aTrailerSectionOverTheCapFailsTheBodyWithItsOwnCase() {
    Val tooLarge =
        Val.Option.some(new Val.Variant("HTTP-response-trailer-section-size", Val.Option.none()));
    try (var client = client();
        HttpHarness h = OutgoingHttpTest.harness(client)) {
      // Over the cap in raw bytes, and under it in raw bytes but over it as fields are counted.
      assertEquals(tooLarge, bodyError(h, get(h, "/huge-trailer").value()));
      assertEquals(tooLarge, bodyError(h, get(h, "/many-trailers").value()));
    }
  }

  static Val some(String errorCase) {
    return Val.Option.some(variant(errorCase));
  }
}
