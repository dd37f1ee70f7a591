package dev.wasihttp.http.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.http.HttpField;
import dev.wasihttp.http.client.ErrorCodes;
import dev.wasihttp.http.proxy.MemoryExchange;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class IncomingBodyReaderTest {
  static final ExecutorService POOL = Executors.newCachedThreadPool();

  @AfterAll
  static void stop() {
    POOL.shutdownNow();
  }

  static MemoryExchange exchange(InputStream in, List<HttpField> trailers) {
    return new MemoryExchange("POST", "/").body(in).requestTrailers(trailers);
  }

  @Test
  void readsNeverBlockAndDeliverBytesAsTheyArrive() throws Exception {
    PipedOutputStream client = new PipedOutputStream();
    PipedInputStream in = new PipedInputStream(client, 1 << 16);
    IncomingBodyReader reader =
        new IncomingBodyReader(exchange(in, List.of(HttpField.latin1("x-t", "v"))), 1024);
    CountDownLatch woke = new CountDownLatch(1);
    reader.addListener(woke::countDown);
    reader.start(POOL);
    assertFalse(reader.ready());
    assertEquals(0, reader.read(100).length, "nothing yet: empty, not blocking");
    client.write("hello".getBytes());
    client.flush();
    assertTrue(woke.await(30, TimeUnit.SECONDS));
    reader.await();
    assertArrayEquals("hel".getBytes(), reader.read(3));
    assertArrayEquals("lo".getBytes(), reader.read(100));
    client.close();
    reader.await();
    assertNull(reader.read(100), "end of body");
    assertEquals(List.of(HttpField.latin1("x-t", "v")), reader.trailers());
    assertTrue(reader.stop(10_000));
  }

  @Test
  void theBufferIsBoundedSoALargeBodyStreams() throws Exception {
    byte[] data = new byte[200_000];
    new Random(1).nextBytes(data);
    int[] maxBuffered = {0};
    InputStream in = new ByteArrayInputStream(data);
    IncomingBodyReader reader = new IncomingBodyReader(exchange(in, List.of()), 4096);
    reader.start(POOL);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      reader.await();
      byte[] b = reader.read(Integer.MAX_VALUE);
      if (b == null) {
        break;
      }
      maxBuffered[0] = Math.max(maxBuffered[0], b.length);
      out.writeBytes(b);
    }
    assertArrayEquals(data, out.toByteArray());
    // One 64 KiB chunk may land on top of a buffer just under the bound.
    assertTrue(maxBuffered[0] <= 4096 + 64 * 1024, "buffered " + maxBuffered[0]);
  }

  @Test
  void aFailedBodyIsReportedAfterWhatArrivedBeforeIt() throws Exception {
    InputStream in =
        new InputStream() {
          int n;

          @Override
          public int read() throws IOException {
            if (n++ < 3) {
              return 'a';
            }
            throw new IOException("connection reset");
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            b[off] = (byte) read();
            return 1;
          }
        };
    IncomingBodyReader reader = new IncomingBodyReader(exchange(in, List.of()), 1024);
    reader.start(POOL);
    StringBuilder got = new StringBuilder();
    IOException e =
        assertThrows(
            IOException.class,
            () -> {
              while (true) {
                reader.await();
                byte[] b = reader.read(10);
                got.append(new String(b));
              }
            });
    assertEquals("connection reset", e.getMessage());
    assertEquals("aaa", got.toString());
  }

  @Test
  void stopInterruptsAReadBlockedOnTheClient() throws Exception {
    PipedOutputStream client = new PipedOutputStream();
    PipedInputStream in = new PipedInputStream(client);
    IncomingBodyReader reader = new IncomingBodyReader(exchange(in, List.of()), 1024);
    reader.start(POOL);
    Thread.sleep(50);
    assertTrue(reader.stop(10_000), "the reader left the stream");
    client.close();
  }

  @Test
  void aBodyPastItsLimitGivesTheLimitsBytesThenFailsWithHttpRequestBodySize() throws Exception {
    byte[] body = new byte[100_000];
    new Random(7).nextBytes(body);
    IncomingBodyReader reader =
        new IncomingBodyReader(
            exchange(new ByteArrayInputStream(body), List.of()), 1 << 20, 70_000);
    reader.start(POOL);
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    IOException failure = null;
    while (failure == null) {
      reader.await();
      try {
        byte[] b = reader.read(8192);
        assertTrue(b != null, "no end before the failure");
        got.writeBytes(b);
      } catch (IOException e) {
        failure = e;
      }
    }
    assertArrayEquals(Arrays.copyOf(body, 70_000), got.toByteArray());
    assertEquals("the request body is longer than the limit of 70000 bytes", failure.getMessage());
    // The reader read in 64 KiB chunks: the second took it past the limit.
    assertEquals(ErrorCodes.requestBodySize(100_000), reader.errorCode(failure));
    assertFalse(reader.ended());
    assertTrue(reader.stop(10_000));
  }
}
