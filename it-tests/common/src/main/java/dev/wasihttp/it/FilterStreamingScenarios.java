package dev.wasihttp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
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
          new Thread(
              () -> {
                try {
                  OutputStream out = s.getOutputStream();
                  out.write(
                      ("POST /echo HTTP/1.1\r\nHost: 127.0.0.1:"
                              + port
                              + "\r\nAuthorization: Bearer t\r\nContent-Length: "
                              + TOTAL
                              + "\r\n\r\n")
                          .getBytes(StandardCharsets.US_ASCII));
                  byte[] buf = new byte[64 * 1024];
                  for (long off = 0; off < TOTAL; off += buf.length) {
                    for (int i = 0; i < buf.length; i++) {
                      buf[i] = at(off + i);
                    }
                    sentSum.update(buf);
                    out.write(buf);
                  }
                  out.flush();
                } catch (IOException e) {
                  failure.set(e);
                }
              },
              "upload");
      upload.start();
      InputStream in = new BufferedInputStream(s.getInputStream());
      String head = RawHttp.readHead(in).toLowerCase(Locale.ROOT);
      assertTrue(head.startsWith("http/1.1 200"), head);
      assertTrue(head.contains("x-filtered-by: wasm"), head);
      assertTrue(head.contains("transfer-encoding: chunked"), head);
      CRC32 receivedSum = new CRC32();
      long received = 0;
      byte[] buf = new byte[64 * 1024];
      for (int size;
          (size = Integer.parseInt(RawHttp.readLine(in).split(";")[0].trim(), 16)) > 0; ) {
        for (int left = size; left > 0; ) {
          int n = in.read(buf, 0, Math.min(buf.length, left));
          if (n < 0) {
            throw new IOException("connection closed after " + received + " bytes");
          }
          receivedSum.update(buf, 0, n);
          received += n;
          left -= n;
        }
        RawHttp.readLine(in);
      }
      upload.join(60_000);
      assertEquals(null, failure.get());
      assertEquals(TOTAL, received, "bytes echoed");
      assertEquals(sentSum.getValue(), receivedSum.getValue(), "CRC-32 of the bytes echoed");
    }
  }
}
