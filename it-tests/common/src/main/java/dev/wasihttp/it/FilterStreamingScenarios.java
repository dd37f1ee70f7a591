package dev.wasihttp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * 100 MB POSTed through filter-c as a {@code WasiHttpFilter} to an echoing Java servlet and back,
 * in a JVM with a small heap ({@code -Xmx128m}, as the container modules run {@code
 * *StreamingTest}): neither the filter nor the wrappers may hold the body.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class FilterStreamingScenarios {
  static final long TOTAL = 100L << 20;

  private ContainerFixture fixture;
  private int port;

  /** A new, unstarted fixture of the container under test. */
  protected abstract ContainerFixture newFixture();

  @BeforeAll
  void start() throws Exception {
    fixture = newFixture();
    port =
        fixture.start(
            List.of(),
            List.of(
                new WebApp(
                    "",
                    List.of(
                        WebApp.wasiHttpFilter(
                            "wasm",
                            "/*",
                            Map.of(
                                "component",
                                Samples.component("filter-c").toString(),
                                "env.TOKEN",
                                "t")),
                        WebApp.servlet("echo", "/echo", new BehindTheFilter.EchoServlet())))));
  }

  @AfterAll
  void stop() throws Exception {
    if (fixture != null) {
      fixture.close();
    }
  }

  private static byte at(long i) {
    return (byte) (i * 31 % 253);
  }

  /**
   * The upload runs on a thread of its own while this one reads the echo, which comes back while
   * the body is still being sent (the buffers on the way hold far less than 100 MB).
   */
  @Test
  void a100MegabyteBodyStreamsThroughTheFilterToAnEchoingServlet() throws Exception {
    assertTrue(
        Runtime.getRuntime().maxMemory() < TOTAL * 2,
        "runs with a heap too small to hold the body twice: " + Runtime.getRuntime().maxMemory());
    CRC32 sentSum = new CRC32();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(60_000);
      Thread upload =
          RawHttp.upload(
              s,
              "POST /echo HTTP/1.1\r\nHost: 127.0.0.1:"
                  + port
                  + "\r\nAuthorization: Bearer t\r\nContent-Length: "
                  + TOTAL
                  + "\r\n\r\n",
              TOTAL,
              FilterStreamingScenarios::at,
              (buf, len) -> sentSum.update(buf, 0, len),
              failure);
      InputStream in = new BufferedInputStream(s.getInputStream());
      String head = RawHttp.readHead(in).toLowerCase(Locale.ROOT);
      assertTrue(head.startsWith("http/1.1 200"), head);
      assertTrue(head.contains("x-filtered-by: wasm"), head);
      assertTrue(head.contains("transfer-encoding: chunked"), head);
      CRC32 receivedSum = new CRC32();
      long received = RawHttp.readChunked(in, (buf, len) -> receivedSum.update(buf, 0, len));
      upload.join(60_000);
      assertEquals(null, failure.get());
      assertEquals(TOTAL, received, "bytes echoed");
      assertEquals(sentSum.getValue(), receivedSum.getValue(), "CRC-32 of the bytes echoed");
    }
  }
}
