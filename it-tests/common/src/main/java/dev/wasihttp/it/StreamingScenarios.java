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
          new Thread(
              () -> {
                try {
                  OutputStream out = s.getOutputStream();
                  out.write(
                      ("POST "
                              + path
                              + " HTTP/1.1\r\nHost: h\r\nContent-Type: application/octet-stream"
                              + "\r\nContent-Length: "
                              + TOTAL
                              + "\r\n\r\n")
                          .getBytes(StandardCharsets.US_ASCII));
                  byte[] buf = new byte[64 * 1024];
                  for (long at = 0; at < TOTAL; at += buf.length) {
                    for (int i = 0; i < buf.length; i++) {
                      buf[i] = expected(at + i);
                    }
                    out.write(buf);
                    sent.addAndGet(buf.length);
                  }
                  out.flush();
                } catch (IOException e) {
                  writeError.set(e);
                }
              },
              "upload");
      writer.start();
      InputStream in = new BufferedInputStream(s.getInputStream());
      String head = RawHttp.readHead(in);
      assertTrue(head.startsWith("HTTP/1.1 200"), head);
      assertTrue(head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked"), head);
      long received = 0;
      long sentWhenProven = -1;
      while (true) {
        int size = Integer.parseInt(RawHttp.readLine(in).split(";")[0].trim(), 16);
        if (size == 0) {
          break;
        }
        for (int i = 0; i < size; i++) {
          int b = in.read();
          if (b < 0) {
            throw new IOException("connection closed after " + received + " bytes");
          }
          if ((byte) b != expected(received)) {
            throw new AssertionError("byte " + received + " differs");
          }
          received++;
        }
        RawHttp.readLine(in);
        if (sentWhenProven < 0 && received >= PROOF) {
          sentWhenProven = sent.get();
        }
      }
      writer.join(60_000);
      assertEquals(null, writeError.get());
      assertEquals(TOTAL, received);
      assertTrue(
          sentWhenProven < TOTAL - 2 * PROOF,
          "echoed bytes arrive while the request is still being sent (sent "
              + sentWhenProven
              + " when "
              + PROOF
              + " had come back)");
    }
  }
}
