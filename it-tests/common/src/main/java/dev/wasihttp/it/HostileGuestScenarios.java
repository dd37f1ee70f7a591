package dev.wasihttp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongPredicate;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A hostile guest harms nothing but its own requests. One server runs the hostile-c sample (it
 * computes forever, grows its memory without end, traps, leaks handles, polls a timer due in a day,
 * returns without a response or with its body unfinished) under limits this test sets, and the
 * well-behaved hello-c at another path. 64 clients hit the hostile routes round robin while one
 * client asks hello-c in a loop. Every hello-c request gets its 200; every hostile request ends, as
 * a 500, a 504, a 503 with {@code Retry-After} or an aborted response; afterwards no instance of
 * either servlet is in use, no host memory is held for hostile-c's requests, each servlet's
 * counters (JMX) hold every request its clients saw end, and the JVM holds no more threads than
 * after a warm-up round of the same load.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class HostileGuestScenarios {
  static final int HOSTILE_CLIENTS = 64;

  /** The length of each of the two rounds, the warm-up and the measured one. */
  static final Duration ROUND = Duration.ofSeconds(10);

  /** A reply that sends nothing for this long is a hang (the guest's deadline is 2 s). */
  static final int SILENCE_MILLIS = 30_000;

  /** How long the server may take to let go of what a round held. */
  static final Duration SETTLE = Duration.ofSeconds(60);

  /** Threads the JVM may hold beyond what it held after the warm-up round. */
  static final int THREAD_SLACK = 5;

  /** hostile-c's routes that misbehave (its README says how). */
  static final List<String> HOSTILE_ROUTES =
      List.of("/loop", "/grow", "/trap", "/no-response", "/unfinished", "/poll-forever", "/leak");

  /**
   * The hostile servlet's limits, by init-param: the request deadline, concurrent requests (the
   * rest wait up to 1 s, then get a 503), and linear memory per instance.
   */
  static final Map<String, String> LIMITS =
      Map.of("timeout", "2s", "maxConcurrent", "32", "maxMemory", "64MiB");

  private ContainerFixture fixture;
  private int port;
  private ExecutorService clients;

  /** A new, unstarted fixture of the container under test. */
  protected abstract ContainerFixture newFixture();

  @BeforeAll
  void start() throws Exception {
    Map<String, String> hostile = new TreeMap<>(LIMITS);
    hostile.put("component", Samples.component("hostile-c").toString());
    hostile.put("stripServletPath", "true");
    fixture = newFixture();
    port =
        fixture.start(
            List.of(
                Deployment.component("", "hostile", "/hostile/*", hostile),
                Deployment.component(
                    "",
                    "hello",
                    "/hello/*",
                    Map.of(
                        "component",
                        Samples.component("hello-c").toString(),
                        "stripServletPath",
                        "true"))));
    // The clients' threads exist before the first measure and are the same in both rounds.
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            HOSTILE_CLIENTS + 1,
            HOSTILE_CLIENTS + 1,
            0,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>());
    pool.prestartAllCoreThreads();
    clients = pool;
  }

  @AfterAll
  void stop() throws Exception {
    if (clients != null) {
      clients.shutdownNow();
    }
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void aHostileGuestEndsOnlyItsOwnRequestsAndLeavesNothingBehind() throws Exception {
    Round warmUp = load(ROUND);
    warmUp.assertOutcomes();
    assertEquals(0L, awaitNothingInUse(), "instances in use after the warm-up round");
    long threadsAfterWarmUp = awaitSteadyThreadCount();
    Map<String, Integer> namesAfterWarmUp = threadNames();

    long hostileBefore = counter("hostile", "Requests");
    long goodBefore = counter("hello", "Requests2xx");
    Round round = load(ROUND);
    round.assertOutcomes();
    System.out.println("hostile guest round: " + round);
    assertEquals(0L, awaitNothingInUse(), "instances in use after the round");
    // Each request the clients saw end is counted once by its servlet.
    long hostile = round.hostileRequests();
    assertEquals(
        hostile,
        await(() -> counter("hostile", "Requests") - hostileBefore, n -> n == hostile),
        "hostile-c's Requests counter");
    assertEquals(
        0L,
        await(() -> counter("hostile", "HostMemoryBytes"), n -> n == 0),
        "host memory held for hostile-c's requests after the round");
    long good = round.good.sum();
    assertEquals(
        good,
        await(() -> counter("hello", "Requests2xx") - goodBefore, n -> n == good),
        "hello-c's Requests2xx counter");
    long threads =
        await(HostileGuestScenarios::threadCount, n -> n <= threadsAfterWarmUp + THREAD_SLACK);
    System.out.println(
        "hostile guest threads: "
            + threadsAfterWarmUp
            + " after the warm-up, "
            + threads
            + " after");
    assertTrue(
        threads <= threadsAfterWarmUp + THREAD_SLACK,
        "threads after the round: "
            + threads
            + " "
            + threadNames()
            + ", after the warm-up: "
            + threadsAfterWarmUp
            + " "
            + namesAfterWarmUp);
  }

  /** What one round of load saw: outcomes by route, and every request that went wrong. */
  static final class Round {
    final Map<String, Map<String, LongAdder>> outcomes = new ConcurrentHashMap<>();
    final List<String> wrong = new ArrayList<>();
    final LongAdder good = new LongAdder();

    void count(String route, String outcome) {
      outcomes
          .computeIfAbsent(route, r -> new ConcurrentHashMap<>())
          .computeIfAbsent(outcome, o -> new LongAdder())
          .increment();
    }

    synchronized void wrong(String what) {
      if (wrong.size() < 20) {
        wrong.add(what);
      }
    }

    /** How many hostile requests ended, however they ended. */
    long hostileRequests() {
      long n = 0;
      for (String route : HOSTILE_ROUTES) {
        for (LongAdder count : outcomes.getOrDefault(route, Map.of()).values()) {
          n += count.sum();
        }
      }
      return n;
    }

    synchronized void assertOutcomes() {
      assertEquals(List.of(), wrong, "requests that went wrong; outcomes " + this);
      assertTrue(good.sum() > 0, "hello-c answered: " + this);
      for (String route : HOSTILE_ROUTES) {
        assertTrue(outcomes.containsKey(route), route + " was asked: " + this);
      }
    }

    @Override
    public String toString() {
      Map<String, Map<String, Long>> sorted = new TreeMap<>();
      outcomes.forEach(
          (route, byOutcome) -> {
            Map<String, Long> counts = new TreeMap<>();
            byOutcome.forEach((o, n) -> counts.put(o, n.sum()));
            sorted.put(route, counts);
          });
      return sorted.toString();
    }
  }

  /**
   * Runs the load for {@code length}: each hostile client asks the hostile routes in turn (client
   * {@code i} starting at route {@code i}), the good client asks hello-c; all stop asking at the
   * end and the round waits for their last replies.
   */
  private Round load(Duration length) throws InterruptedException {
    Round round = new Round();
    long end = System.nanoTime() + length.toNanos();
    CountDownLatch done = new CountDownLatch(HOSTILE_CLIENTS + 1);
    for (int c = 0; c < HOSTILE_CLIENTS; c++) {
      int first = c;
      clients.execute(
          () -> {
            try {
              for (int i = first; System.nanoTime() < end; i++) {
                String route = HOSTILE_ROUTES.get(i % HOSTILE_ROUTES.size());
                String outcome = hostileOutcome(route);
                round.count(route, outcome);
                if (outcome.startsWith("wrong: ")) {
                  round.wrong(route + " " + outcome);
                }
              }
            } finally {
              done.countDown();
            }
          });
    }
    clients.execute(
        () -> {
          try {
            while (System.nanoTime() < end) {
              String outcome = goodOutcome();
              round.count("/hi (hello-c)", outcome);
              if (outcome.equals("200")) {
                round.good.increment();
              } else {
                round.wrong("hello-c /hi " + outcome);
              }
            }
          } finally {
            done.countDown();
          }
        });
    // Bounded: each request ends within SILENCE_MILLIS of silence, or counts as a hang.
    assertTrue(
        done.await(length.toMillis() + 4L * SILENCE_MILLIS, TimeUnit.MILLISECONDS),
        "every client finished its round");
    return round;
  }

  /**
   * How a hostile request ended: {@code 500}, {@code 503} (with {@code Retry-After}), {@code 504},
   * {@code aborted} (the connection closed before the response was complete), or {@code wrong:
   * ...}.
   */
  private String hostileOutcome(String route) {
    Reply r = get("/hostile" + route);
    if (r.error() != null) {
      return "wrong: " + r.error();
    }
    if (r.hung()) {
      return "wrong: no end within " + SILENCE_MILLIS + " ms of silence";
    }
    if (!r.complete()) {
      return "aborted";
    }
    return switch (r.status()) {
      case 500, 504 -> String.valueOf(r.status());
      case 503 -> r.head().contains("\nretry-after:") ? "503" : "wrong: 503 without Retry-After";
      default -> "wrong: " + r.status() + " " + r.body().trim();
    };
  }

  /** How a request to hello-c ended: {@code 200} with its body, else what came instead. */
  private String goodOutcome() {
    Reply r = get("/hello/hi");
    if (r.error() != null) {
      return r.error();
    }
    if (r.hung()) {
      return "no end within " + SILENCE_MILLIS + " ms of silence";
    }
    if (!r.complete()) {
      return "aborted: " + r.head();
    }
    return r.status() == 200 && r.body().equals("hello from C: GET /hi\n")
        ? "200"
        : r.status() + " " + r.body();
  }

  private Reply get(String target) {
    try {
      return Reply.of(
          RawHttp.exchange(
              port,
              "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
              SILENCE_MILLIS));
    } catch (IOException e) {
      return new Reply(0, "", "", false, false, e.toString());
    }
  }

  /**
   * One reply read until the server closed: its status (0 when no head came), lower-cased head
   * (lines ending in {@code \n}), body (chunks joined), whether it ended as its head said (a {@code
   * Content-Length} fully sent, a final chunk), whether the server went silent instead of closing,
   * and the error when no connection could be made.
   */
  record Reply(int status, String head, String body, boolean complete, boolean hung, String error) {
    static Reply of(RawHttp.Reply raw) {
      String text = raw.text();
      int headEnd = text.indexOf("\r\n\r\n");
      if (headEnd < 0 || !text.startsWith("HTTP/1.1 ")) {
        return new Reply(0, text, "", false, !raw.closed(), null);
      }
      String head =
          text.substring(0, headEnd).replace("\r\n", "\n").toLowerCase(Locale.ROOT) + "\n";
      int status = Integer.parseInt(text.substring(9, 12));
      String rest = text.substring(headEnd + 4);
      boolean complete;
      String body;
      if (head.contains("\ntransfer-encoding: chunked\n")) {
        body = raw.dechunked();
        complete = endsWithFinalChunk(rest);
      } else {
        int at = head.indexOf("\ncontent-length:");
        body = rest;
        complete =
            at < 0
                || rest.length()
                    == Long.parseLong(head.substring(at + 16, head.indexOf('\n', at + 1)).trim());
      }
      return new Reply(status, head, body, complete, !raw.closed(), null);
    }

    /** Whether chunked bytes reach their final (zero-size) chunk and its blank line. */
    private static boolean endsWithFinalChunk(String chunked) {
      int at = 0;
      while (true) {
        int eol = chunked.indexOf("\r\n", at);
        if (eol < 0) {
          return false;
        }
        int size;
        try {
          size = Integer.parseInt(chunked.substring(at, eol).split(";")[0].trim(), 16);
        } catch (NumberFormatException e) {
          return false;
        }
        if (size == 0) {
          return chunked.startsWith("\r\n", eol + 2);
        }
        at = eol + 2 + size + 2;
        if (at > chunked.length()) {
          return false;
        }
      }
    }
  }

  /** Waits until neither servlet has an instance in use; returns how many are in use. */
  private static long awaitNothingInUse() throws InterruptedException {
    return await(
        () -> counter("hostile", "InstancesInUse") + counter("hello", "InstancesInUse"),
        n -> n == 0);
  }

  /**
   * One of the servlet's counters ({@code Requests}, {@code InstancesInUse}...), from its MXBean on
   * the platform MBean server.
   */
  private static long counter(String servlet, String attribute) {
    return ServletCounters.read(ServletCounters.name("/", servlet), attribute);
  }

  /**
   * Waits until the JVM's thread count has not changed for three seconds (bounded by {@link
   * #SETTLE}); returns it.
   */
  private static long awaitSteadyThreadCount() throws InterruptedException {
    long[] last = {threadCount()};
    int[] steady = {0};
    return await(
        HostileGuestScenarios::threadCount,
        n -> {
          steady[0] = n == last[0] ? steady[0] + 1 : 0;
          last[0] = n;
          return steady[0] >= 30;
        });
  }

  static long threadCount() {
    return ManagementFactory.getThreadMXBean().getThreadCount();
  }

  /** How many live threads have each name, digits replaced by {@code #} (for failure messages). */
  static Map<String, Integer> threadNames() {
    Map<String, Integer> names = new TreeMap<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      names.merge(t.getName().replaceAll("[0-9]+", "#"), 1, Integer::sum);
    }
    return names;
  }

  /**
   * Samples {@code value} every 100 ms until {@code done} holds or {@link #SETTLE} passes; returns
   * the last sample (the caller asserts on it).
   */
  private static long await(LongSupplier value, LongPredicate done) throws InterruptedException {
    long end = System.nanoTime() + SETTLE.toNanos();
    long v = value.getAsLong();
    while (!done.test(v) && System.nanoTime() < end) {
      Thread.sleep(100);
      v = value.getAsLong();
    }
    return v;
  }
}
