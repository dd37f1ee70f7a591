package dev.wasihttp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Trailers both ways through a real guest behind {@code WasiHttpServlet}: the test component {@code
 * http-trailers} (wasi-http-core's test resources) reads the request body and its trailers,
 * declares {@code trailer: x-checksum} and ends its chunked response with {@code x-checksum} set to
 * the request trailer {@code x-request-trailer} (else {@code none}). Mounted at {@code /}; the
 * container must pass {@code x-request-trailer} on (Tomcat: {@code allowedTrailerHeaders}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class GuestTrailerScenarios {
  private ContainerFixture fixture;
  private int port;

  /** A new, unstarted fixture of the container under test. */
  protected abstract ContainerFixture newFixture();

  /** {@code wasi-http-core/src/test/resources/components/http-trailers.wasm}, found from above. */
  static Path component() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      Path p = d.resolve("wasi-http-core/src/test/resources/components/http-trailers.wasm");
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    throw new IllegalStateException("http-trailers.wasm not found above " + dir);
  }

  @BeforeAll
  void start() throws Exception {
    fixture = newFixture();
    port =
        fixture.start(
            List.of(
                Deployment.component(
                    "", "http-trailers", "/", Map.of("component", component().toString()))));
  }

  @AfterAll
  void stop() throws Exception {
    if (fixture != null) {
      fixture.close();
    }
  }

  private RawHttp.Reply post(String framingAndBody) throws Exception {
    return RawHttp.exchange(
        port, "POST /sum HTTP/1.1\r\nHost: h\r\nConnection: close\r\n" + framingAndBody, 30_000);
  }

  @Test
  void theRequestTrailerReachesTheGuestAndItsTrailerReachesTheClient() throws Exception {
    RawHttp.Reply r =
        post(
            "Transfer-Encoding: chunked\r\nTrailer: x-request-trailer\r\n\r\n"
                + "5\r\nhello\r\n6\r\n world\r\n0\r\nx-request-trailer: c0ffee42\r\n\r\n");
    String head = r.head().toLowerCase(Locale.ROOT);
    assertTrue(r.statusLine().contains(" 200"), r.text());
    assertTrue(head.contains("transfer-encoding: chunked"), r.text());
    assertTrue(head.contains("trailer: x-checksum"), r.text());
    assertEquals("trailers echoed\n", r.dechunked(), r.text());
    assertTrue(
        r.body().toLowerCase(Locale.ROOT).contains("\r\n0\r\nx-checksum: c0ffee42\r\n"), r.text());
  }

  @Test
  void withoutARequestTrailerTheGuestAnswersNone() throws Exception {
    RawHttp.Reply r = post("Content-Length: 3\r\n\r\nabc");
    assertTrue(r.statusLine().contains(" 200"), r.text());
    assertEquals("trailers echoed\n", r.dechunked(), r.text());
    assertTrue(
        r.body().toLowerCase(Locale.ROOT).contains("\r\n0\r\nx-checksum: none\r\n"), r.text());
  }
}
