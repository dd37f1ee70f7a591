package dev.wasihttp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} in a child JVM stopped as a service manager stops it, with SIGTERM ({@link
 * Process#destroy()}), while a request is in flight: hello-c streams a large response ({@code
 * /bytes?n=N}) to a client that reads its head and then nothing, so the guest is held in its writes
 * for as long as the test wants. Read after the stop began, within {@code --shutdown-timeout}, the
 * response arrives whole; when it outlasts the grace it is aborted. The process exits either way.
 */
@Timeout(180) // a hang guard only
class ServeShutdownTest {
  @TempDir Path dir;
  Process server;
  Path errors;

  @AfterEach
  void kill() throws InterruptedException {
    if (server != null && server.isAlive()) {
      server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** Starts {@code serve} on a free port with {@code flags}; returns the port. */
  int serve(String... flags) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.add("serve");
    command.addAll(List.of("--port", "0", "--engine", "interpreter"));
    command.addAll(List.of(flags));
    command.add(MainTest.HELLO_C);
    errors = dir.resolve("stderr.txt");
    server =
        new ProcessBuilder(command)
            .redirectError(errors.toFile())
            .redirectOutput(ProcessBuilder.Redirect.PIPE)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    assertNotNull(line, "serve ended without listening: " + stderr());
    Matcher m = Pattern.compile("^Listening on http://127\\.0\\.0\\.1:(\\d+)/$").matcher(line);
    assertTrue(m.matches(), line);
    return Integer.parseInt(m.group(1));
  }

  String stderr() throws IOException {
    return Files.readString(errors, StandardCharsets.UTF_8);
  }

  /** Waits until the server refuses connections, for 60 s at most. */
  void awaitRefused(int port) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
        assertTrue(System.nanoTime() < end, "still accepting connections: " + stderr());
      } catch (ConnectException e) {
        return;
      }
      Thread.sleep(20);
    }
  }

  /** One connection to the server; the response read as it comes. */
  static final class Client implements AutoCloseable {
    final Socket socket;
    final OutputStream out;
    final InputStream in;
    final ByteArrayOutputStream got = new ByteArrayOutputStream();

    Client(int port) throws IOException {
      socket = new Socket(InetAddress.getLoopbackAddress(), port);
      socket.setSoTimeout(60_000);
      out = socket.getOutputStream();
      in = socket.getInputStream();
    }

    void send(String text) throws IOException {
      out.write(text.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    }

    /** Reads until the response so far contains {@code text}. */
    void readUntil(String text) throws IOException {
      byte[] buf = new byte[8192];
      while (!text().contains(text)) {
        int n = in.read(buf);
        if (n < 0) {
          throw new IOException("closed before \"" + text + "\": " + text());
        }
        got.write(buf, 0, n);
      }
    }

    /** Reads until the server closes the connection (a reset counts); what came, as text. */
    String readToEnd() throws IOException {
      byte[] buf = new byte[8192];
      try {
        for (int n; (n = in.read(buf)) >= 0; ) {
          got.write(buf, 0, n);
        }
      } catch (SocketTimeoutException e) {
        throw e;
      } catch (IOException e) {
        // reset: closed too
      }
      return text();
    }

    String text() {
      return got.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  @Test
  void sigtermLetsARequestInFlightFinishAndExits() throws Exception {
    int port = serve("--shutdown-timeout", "60s");
    int n = 32 << 20; // far more than the sockets' buffers hold
    try (Client bytes = new Client(port)) {
      bytes.send("GET /bytes?n=" + n + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
      bytes.readUntil("\r\n\r\n"); // then nothing: the guest blocks in its writes
      assertTrue(bytes.text().startsWith("HTTP/1.1 200 OK\r\n"), bytes.text());
      server.destroy(); // SIGTERM: the JVM's shutdown hook stops Jetty
      awaitRefused(port); // the graceful stop has begun
      assertTrue(server.isAlive(), "it waits for the request in flight");

      String reply = bytes.readToEnd();
      assertTrue(reply.endsWith("\r\n0\r\n\r\n"), "a complete chunked response");
      assertEquals(n, dechunked(reply).length());
    }
    assertTrue(server.waitFor(60, TimeUnit.SECONDS), "the process exits");
  }

  @Test
  void sigtermAbortsARequestThatOutlastsTheGraceAndExits() throws Exception {
    int port = serve("--shutdown-timeout", "1s");
    try (Client bytes = new Client(port)) {
      // A gigabyte, to a client that reads only its head: the guest blocks in its writes.
      bytes.send("GET /bytes?n=1073741824 HTTP/1.1\r\nHost: localhost\r\n\r\n");
      bytes.readUntil("\r\n\r\n");
      server.destroy();
      assertTrue(server.waitFor(60, TimeUnit.SECONDS), "the process exits");
      String reply = bytes.readToEnd();
      assertTrue(reply.startsWith("HTTP/1.1 200 OK\r\n"), reply.substring(0, 100));
      assertFalse(reply.endsWith("\r\n0\r\n\r\n"), "broken, not ended cleanly");
      assertTrue(reply.length() < 1 << 30, "not all of it");
    }
  }

  /** A chunked body's data, chunks joined. */
  static String dechunked(String reply) {
    String body = reply.substring(reply.indexOf("\r\n\r\n") + 4);
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (true) {
      int eol = body.indexOf("\r\n", at);
      int size = Integer.parseInt(body.substring(at, eol).trim(), 16);
      if (size == 0) {
        return out.toString();
      }
      out.append(body, eol + 2, eol + 2 + size);
      at = eol + 2 + size + 2;
    }
  }
}
