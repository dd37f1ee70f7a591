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
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * 100 MB through hello-c's {@code /echo}: a 100 MB request body and a 100 MB streamed response,
 * from hello-c alone at {@code /} and through proxy-c chained in front of it at {@code /chain/}
 * (the {@code chain} init-param: proxy-c's request reaches hello-c in process). Container modules
 * run this in a JVM with a small heap ({@code -Xmx128m}), so a host that buffered either body would
 * fail; and the test proves streaming by receiving echoed bytes while most of the request is still
 * unsent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class StreamingScenarios {
  static final long TOTAL = 100L << 20;
  static final long PROOF = 8L << 20;

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
                Deployment.component(
                    "",
                    "hello-c",
                    "/",
                    Map.of("component", Samples.component("hello-c").toString())),
                Deployment.component(
                    "/chain",
                    "proxy-c",
                    "/",
                    Map.of(
                        "component",
                        Samples.component("proxy-c").toString(),
                        "chain",
                        Samples.component("hello-c").toString(),
                        "env.UPSTREAM",
                        "http://hello-c"))));
  }

  @AfterAll
  void stop() throws Exception {
    if (fixture != null) {
      fixture.close();
    }
  }

  static byte expected(long i) {
    return (byte) (i % 251);
  }

  @Test
  void a100MegabyteBodyIsEchoedWhileItIsStillArriving() throws Exception {
    echo("/echo");
  }

  @Test
  void a100MegabyteBodyStreamsThroughTwoChainedComponentsAndBack() throws Exception {
    echo("/chain/echo");
  }

  private void echo(String path) throws Exception {
    assertTrue(
        Runtime.getRuntime().maxMemory() < TOTAL * 2,
        "runs with a heap too small to hold the body twice: " + Runtime.getRuntime().maxMemory());
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(60_000);
      AtomicLong sent = new AtomicLong();
      AtomicReference<Throwable> writeError = new AtomicReference<>();
      Thread writer =
          RawHttp.upload(
              s,
              "POST "
                  + path
                  + " HTTP/1.1\r\nHost: h\r\nContent-Type: application/octet-stream"
                  + "\r\nContent-Length: "
                  + TOTAL
                  + "\r\n\r\n",
              TOTAL,
              StreamingScenarios::expected,
              (buf, len) -> sent.addAndGet(len),
              writeError);
      InputStream in = new BufferedInputStream(s.getInputStream());
      String head = RawHttp.readHead(in);
      assertTrue(head.startsWith("HTTP/1.1 200"), head);
      assertTrue(head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked"), head);
      long[] checked = {0};
      long[] sentWhenProven = {-1};
      long received =
          RawHttp.readChunked(
              in,
              (buf, len) -> {
                for (int i = 0; i < len; i++, checked[0]++) {
                  if (buf[i] != expected(checked[0])) {
                    throw new AssertionError("byte " + checked[0] + " differs");
                  }
                }
                if (sentWhenProven[0] < 0 && checked[0] >= PROOF) {
                  sentWhenProven[0] = sent.get();
                }
              });
      writer.join(60_000);
      assertEquals(null, writeError.get());
      assertEquals(TOTAL, received);
      assertTrue(
          sentWhenProven[0] < TOTAL - 2 * PROOF,
          "echoed bytes arrive while the request is still being sent (sent "
              + sentWhenProven[0]
              + " when "
              + PROOF
              + " had come back)");
    }
  }
}
