package dev.wasihttp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reload under load: the servlet's component file is replaced twenty times, from hello-c to
 * hello-libc and back, while three clients send requests in a loop. Every response is one of the
 * two versions' answers and none fails; a request that starts after the line {@code reloaded from
 * FILE (version N)} reached the container's log (and before the next file was written) gets version
 * N's answer. One replacement is written in place in pieces (half written, then the rest); a
 * truncated file keeps the serving version, and the good file after it is picked up. The JMX
 * counters go on across versions: every request is counted once, the swaps in {@code Reloads}.
 *
 * <p>Each step waits for what it needs (the log line, three requests that started after it), never
 * for a time.
 */
public abstract class ReloadScenarios {
  static final String NAME = "reloading";
  static final String HELLO_C = "hello from C: GET /x\n";
  static final String HELLO_LIBC = "hello from C (wasi-libc): GET /x\n";

  /** A new, unstarted fixture of the container under test. */
  protected abstract ContainerFixture newFixture();

  /** One client request: when it started, and what it got. */
  record Sent(long startNanos, int status, String body, Throwable error) {}

  /** A window of starts after a version's line, before the next write, and the answer due. */
  record Window(long fromNanos, long toNanos, String expected, String what) {}

  @TempDir Path dir;

  @Test
  void twentySwapsUnderLoadLoseNoRequestAndLaterRequestsRunTheNewVersion() throws Exception {
    byte[] helloC = Files.readAllBytes(Samples.component("hello-c"));
    byte[] helloLibc = Files.readAllBytes(Samples.component("hello-libc"));
    Path file = dir.resolve("app.wasm");
    Files.write(file, helloC);
    ContainerFixture fixture = newFixture();
    LogLines log = fixture.log();
    Queue<Sent> sent = new ConcurrentLinkedQueue<>();
    List<Window> windows = new ArrayList<>();
    List<Thread> clients = new ArrayList<>();
    List<Long> lags = new ArrayList<>(); // ms from each write to its line
    AtomicBoolean stop = new AtomicBoolean();
    try {
      int port =
          fixture.start(
              List.of(
                  Deployment.component(
                      "/dev",
                      NAME,
                      "/*",
                      Map.of(
                          "component",
                          file.toString(),
                          "componentName",
                          NAME,
                          "reload",
                          "true",
                          "reloadInterval",
                          "100ms"))));
      URI uri = URI.create("http://127.0.0.1:" + port + "/dev/x");
      HttpClient client =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(10))
              .build();
      assertEquals(HELLO_C, send(client, uri).body());
      for (int i = 0; i < 3; i++) {
        Thread t =
            new Thread(
                () -> {
                  while (!stop.get()) {
                    long start = System.nanoTime();
                    try {
                      HttpResponse<String> r = send(client, uri);
                      sent.add(new Sent(start, r.statusCode(), r.body(), null));
                    } catch (IOException | RuntimeException e) {
                      sent.add(new Sent(start, -1, null, e));
                    } catch (InterruptedException e) {
                      return;
                    }
                  }
                },
                "reload-client-" + i);
        t.start();
        clients.add(t);
      }

      long since = System.nanoTime(); // version 1 serves from the start
      awaitStartedAfter(sent, since);
      String serving = HELLO_C;
      for (int version = 2; version <= 21; version++) {
        byte[] next = version % 2 == 0 ? helloLibc : helloC;
        int from = log.size();
        long written = System.nanoTime();
        windows.add(new Window(since, written, serving, "version " + (version - 1)));
        if (version == 11) {
          writeInPieces(file, next); // the watcher may see it half written
        } else {
          replace(file, next);
        }
        since = awaitLine(log, from, "reloaded from " + file + " (version " + version + ")");
        lags.add((since - written) / 1_000_000);
        serving = version % 2 == 0 ? HELLO_LIBC : HELLO_C;
        awaitStartedAfter(sent, since);
      }

      // A truncated file does not load: version 21 goes on serving, and a good file is picked up.
      int from = log.size();
      replace(file, Arrays.copyOf(helloLibc, helloLibc.length / 3));
      awaitLine(log, from, "not reloaded from " + file + " (still serving version 21)");
      awaitStartedAfter(sent, System.nanoTime());
      from = log.size();
      long written = System.nanoTime();
      windows.add(new Window(since, written, serving, "version 21, past a truncated file"));
      replace(file, helloLibc);
      since = awaitLine(log, from, "reloaded from " + file + " (version 22)");
      awaitStartedAfter(sent, since);
      windows.add(new Window(since, Long.MAX_VALUE, HELLO_LIBC, "version 22"));
      stopClients(stop, clients);
      checkCounters(sent.size() + 1); // and the first request
    } finally {
      stopClients(stop, clients);
      fixture.close();
    }

    int checked = 0;
    for (Sent s : sent) {
      assertEquals(null, s.error(), "no request fails");
      assertEquals(200, s.status());
      assertTrue(HELLO_C.equals(s.body()) || HELLO_LIBC.equals(s.body()), s.body());
      for (Window w : windows) {
        if (s.startNanos() >= w.fromNanos() && s.startNanos() < w.toNanos()) {
          assertEquals(w.expected(), s.body(), "a request that started within " + w.what());
          checked++;
        }
      }
    }
    assertTrue(checked >= 3 * windows.size(), checked + " requests in " + windows.size());
    System.out.println(
        "reload: "
            + sent.size()
            + " requests over 22 versions, "
            + checked
            + " of them checked against the version their start was due; from a write to its"
            + " line "
            + lags.stream().sorted().toList().get(lags.size() / 2)
            + " ms (median), "
            + lags.stream().max(Long::compare).orElseThrow()
            + " ms at most");
  }

  /** Every request counted once across the 22 versions, and the 21 swaps. */
  private static void checkCounters(long requests) throws InterruptedException {
    ObjectName name = ServletCounters.name("/dev", NAME);
    // A request is counted as its handler returns, just after its client has the answer.
    for (int i = 0; i < 3000 && ServletCounters.read(name, "Requests") < requests; i++) {
      Thread.sleep(10);
    }
    assertEquals(requests, ServletCounters.read(name, "Requests"));
    assertEquals(requests, ServletCounters.read(name, "Requests2xx"));
    assertEquals(21, ServletCounters.read(name, "Reloads"));
    // The truncated file; a half-written one, when the watcher read it before it was whole.
    assertTrue(ServletCounters.read(name, "FailedReloads") >= 1);
  }

  private static void stopClients(AtomicBoolean stop, List<Thread> clients)
      throws InterruptedException {
    stop.set(true);
    for (Thread t : clients) {
      t.join(60_000);
    }
  }

  private static HttpResponse<String> send(HttpClient client, URI uri)
      throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Writes {@code bytes} elsewhere and moves them over {@code file}, as build tools do. */
  private void replace(Path file, byte[] bytes) throws IOException {
    Path tmp = Files.write(dir.resolve("next.tmp"), bytes);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Rewrites {@code file} in place, in four pieces, as a plain copy does. */
  private static void writeInPieces(Path file, byte[] bytes) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      int piece = bytes.length / 4 + 1;
      for (int at = 0; at < bytes.length; at += piece) {
        out.write(bytes, at, Math.min(piece, bytes.length - at));
        out.flush();
      }
    }
  }

  /** When the line containing {@code text} arrived, at or after line {@code from}. */
  private static long awaitLine(LogLines log, int from, String text) throws InterruptedException {
    LogLines.Line line = log.awaitFrom(from, l -> l.contains("[" + NAME + "] " + text));
    assertNotNull(line, "no line \"" + text + "\"");
    return line.nanos();
  }

  /** Waits (bounded) until three requests that started after {@code nanos} have their answer. */
  private static void awaitStartedAfter(Queue<Sent> sent, long nanos) throws InterruptedException {
    for (int i = 0; i < 3000; i++) {
      if (sent.stream().filter(s -> s.startNanos() > nanos).count() >= 3) {
        return;
      }
      Thread.sleep(5);
    }
    throw new AssertionError("no three requests answered after the swap");
  }
}
