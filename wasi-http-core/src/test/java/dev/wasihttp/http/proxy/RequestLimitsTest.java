package dev.wasihttp.http.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.component.EngineMode;
import dev.wasihttp.http.HttpField;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The deadline, the concurrency limit and shutdown of {@link WasiHttpHandler}, over {@code
 * http-limits.wat} (a guest whose request method picks how it never ends) and hello-c's echo (a
 * guest held inside its request for as long as the test sends nothing), in both engine modes.
 * Outcomes are asserted, never times: a latch or a bounded wait says when a guest is inside.
 */
@Timeout(120) // a hang guard only
class RequestLimitsTest {
  static final Path LIMITS = Path.of("src/test/resources/components/http-limits.wasm");
  static final List<HttpField> RETRY_AFTER = List.of(HttpField.latin1("Retry-After", "1"));

  final Samples.Lines log = new Samples.Lines();
  final ExecutorService clients = Executors.newCachedThreadPool();

  @AfterEach
  void stopClients() {
    clients.shutdownNow();
  }

  WasiHttpHandler limits(EngineMode mode, WasiHttpConfig.Builder config) throws Exception {
    return WasiHttpHandler.create(
        Samples.load(LIMITS, mode), config.componentName("limits").log(log).build());
  }

  static MemoryExchange run(WasiHttpHandler handler, String method) {
    MemoryExchange x = new MemoryExchange(method, "/");
    handler.handle(x);
    return x;
  }

  /** Waits until {@code done}, for 30 s at most: a wait, not a bound; it ends early. */
  static void await(BooleanSupplier done, String what) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!done.getAsBoolean()) {
      assertTrue(System.nanoTime() < end, "never: " + what);
      Thread.sleep(5);
    }
  }

  @ParameterizedTest
  @CsvSource({
    "INTERPRETER, GET",
    "INTERPRETER, HEAD",
    "INTERPRETER, OPTIONS",
    "COMPILER, GET",
    "COMPILER, HEAD",
    "COMPILER, OPTIONS"
  })
  void aComputingGuestEndsWith504AndTheNextRequestIsServed(EngineMode mode, String method)
      throws Exception {
    try (WasiHttpHandler handler = limits(mode, WasiHttpConfig.builder().timeout(seconds(1)))) {
      MemoryExchange x = run(handler, method); // loops by br_if, br or br_table
      assertEquals(List.of("fail 504"), x.calls);
      assertEquals("guest timed out after 1 s", x.failReason);
      assertFalse(Thread.currentThread().isInterrupted(), "the thread goes back clean");
      assertEquals(
          List.of("WARN [limits] answered 504: guest timed out after 1 s"), log.snapshot());
      assertEquals(1, handler.poolStats().discarded(), "the instance is dropped");

      MemoryExchange next = run(handler, "TRACE");
      assertEquals(List.of("respond 200", "finish"), next.calls);
      assertEquals(1, handler.metrics().timeouts());
      assertEquals(1, handler.metrics().requests2xx());
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void aPollThatNeverWakesEndsWith504(EngineMode mode) throws Exception {
    try (WasiHttpHandler handler = limits(mode, WasiHttpConfig.builder().timeout(seconds(1)))) {
      MemoryExchange x = run(handler, "POST"); // polls a timer of a day
      assertEquals(List.of("fail 504"), x.calls);
      assertFalse(Thread.currentThread().isInterrupted());
      assertEquals(1, handler.metrics().timeouts());
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void theDeadlineAfterTheResponseStartedAbortsIt(EngineMode mode) throws Exception {
    try (WasiHttpHandler handler = limits(mode, WasiHttpConfig.builder().timeout(seconds(1)))) {
      MemoryExchange x = run(handler, "DELETE"); // 200, "started\n", then computes
      assertEquals(List.of("respond 200", "abort"), x.calls);
      assertEquals("started\n", x.bodyText());
      assertEquals("error after the response started: guest timed out after 1 s", x.abortReason);
      assertEquals(1, handler.metrics().timeouts());
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void anInterruptAHostCallSwallowsComesAgain(EngineMode mode) throws Exception {
    try (WasiHttpHandler handler = limits(mode, WasiHttpConfig.builder().timeout(seconds(1)))) {
      // The first write blocks until the deadline's interrupt, which it clears; the guest ignores
      // the failure and writes on (each write now fails at once), looping for ever unless the
      // interrupt comes again.
      MemoryExchange x = new MemoryExchange("PUT", "/").writesBlockUntilInterrupted();
      handler.handle(x);
      assertEquals(List.of("respond 200", "abort"), x.calls);
      assertEquals("error after the response started: guest timed out after 1 s", x.abortReason);
      assertFalse(Thread.currentThread().isInterrupted());
      assertEquals(1, handler.metrics().timeouts());
      assertFalse(log.contains("client went away"), log.snapshot()::toString);
    }
  }

  /** hello-c echoing a body the test holds open: the guest stays inside until it is closed. */
  final class HeldEcho {
    final PipedOutputStream client = new PipedOutputStream();
    final MemoryExchange x = new MemoryExchange("POST", "/echo");
    final Future<?> done;

    HeldEcho(WasiHttpHandler handler) throws Exception {
      x.body(new PipedInputStream(client));
      client.write("partial".getBytes(StandardCharsets.US_ASCII));
      client.flush();
      done = clients.submit(() -> handler.handle(x));
      assertTrue(x.firstByte.await(30, TimeUnit.SECONDS), "the guest echoes: it is inside");
    }

    /** Sends the rest of the body; the echo then finishes. */
    void release() throws Exception {
      client.write(" and the rest".getBytes(StandardCharsets.US_ASCII));
      client.close();
      done.get(60, TimeUnit.SECONDS);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void overMaxConcurrentARequestWaitsThenGets503WithRetryAfter(EngineMode mode) throws Exception {
    WasiHttpConfig config =
        WasiHttpConfig.builder()
            .componentName("echo")
            .log(log)
            .maxConcurrent(1)
            .maxConcurrentWait(Duration.ofMillis(100))
            .build();
    try (WasiHttpHandler handler =
        WasiHttpHandler.create(Samples.load(Samples.HELLO_C, mode), config)) {
      HeldEcho first = new HeldEcho(handler);

      MemoryExchange refused = new MemoryExchange("GET", "/x");
      handler.handle(refused);
      assertEquals(List.of("fail 503"), refused.calls);
      assertEquals(RETRY_AFTER, refused.failHeaders);
      assertEquals(1, handler.poolStats().instantiations(), "nothing instantiated for it");
      assertTrue(
          log.contains(
              "WARN [echo] answered 503 with Retry-After to 1 request (refusals are logged at most"
                  + " once a second): all 1 guest calls (maxConcurrent) stayed busy for 100 ms"
                  + " (maxConcurrentWait)"),
          log.snapshot()::toString);

      first.release();
      assertEquals(List.of("respond 200", "finish"), first.x.calls);
      assertEquals("partial and the rest", first.x.bodyText());
      MemoryExchange after = new MemoryExchange("GET", "/after");
      handler.handle(after);
      assertEquals("hello from C: GET /after\n", after.bodyText());
      assertEquals(1, handler.metrics().rejected());
      assertEquals(2, handler.metrics().requests2xx());
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void aWaitingRequestRunsWhenACallFrees(EngineMode mode) throws Exception {
    WasiHttpConfig config =
        WasiHttpConfig.builder().log(log).maxConcurrent(1).maxConcurrentWait(seconds(60)).build();
    try (WasiHttpHandler handler =
        WasiHttpHandler.create(Samples.load(Samples.HELLO_C, mode), config)) {
      HeldEcho first = new HeldEcho(handler);
      MemoryExchange second = new MemoryExchange("GET", "/second");
      Future<?> waiting = clients.submit(() -> handler.handle(second));
      await(() -> handler.waiting() == 1, "the second request waits");
      assertEquals(List.of(), second.calls);

      first.release();
      waiting.get(60, TimeUnit.SECONDS);
      assertEquals("hello from C: GET /second\n", second.bodyText());
      assertEquals(0, handler.metrics().rejected());
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void closeLetsARequestInFlightFinishAndRefusesNewOnes(EngineMode mode) throws Exception {
    WasiHttpConfig config =
        WasiHttpConfig.builder()
            .componentName("echo")
            .log(log)
            .shutdownTimeout(seconds(60))
            .build();
    WasiHttpHandler handler = WasiHttpHandler.create(Samples.load(Samples.HELLO_C, mode), config);
    HeldEcho inFlight = new HeldEcho(handler);
    Future<?> closing = clients.submit(handler::close);

    MemoryExchange late = new MemoryExchange("GET", "/late");
    await(
        () -> {
          MemoryExchange x = new MemoryExchange("GET", "/late");
          handler.handle(x);
          return x.calls.equals(List.of("fail 503")) && x.failHeaders.equals(RETRY_AFTER);
        },
        "a request after close() began gets 503 with Retry-After");
    assertFalse(closing.isDone(), "close() waits for the request in flight");

    inFlight.release();
    closing.get(60, TimeUnit.SECONDS);
    assertEquals(List.of("respond 200", "finish"), inFlight.x.calls);
    assertEquals("partial and the rest", inFlight.x.bodyText());
    handler.handle(late);
    assertEquals(List.of("fail 503"), late.calls, "after close(), still 503");
    assertEquals(0, handler.metrics().timeouts());
    assertTrue(handler.metrics().rejected() >= 2);
    await(() -> !timerAlive("echo"), "close() stops the deadline timer");
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void closeInterruptsWhatOutlastsItsGrace(EngineMode mode) throws Exception {
    WasiHttpHandler handler =
        limits(
            mode,
            WasiHttpConfig.builder()
                .timeout(Duration.ZERO)
                .shutdownTimeout(Duration.ofMillis(200)));
    MemoryExchange polling = new MemoryExchange("POST", "/"); // no timeout: polls for a day
    MemoryExchange computing = new MemoryExchange("DELETE", "/"); // responds, then computes
    Future<?> first = clients.submit(() -> handler.handle(polling));
    Future<?> second = clients.submit(() -> handler.handle(computing));
    assertTrue(computing.firstByte.await(30, TimeUnit.SECONDS));
    await(() -> handler.running() == 2, "both requests run");

    handler.close(); // returns once both ended
    first.get(60, TimeUnit.SECONDS);
    second.get(60, TimeUnit.SECONDS);
    assertEquals(List.of("fail 504"), polling.calls);
    assertEquals(
        "guest still running 200 ms after shutdown began (shutdownTimeout)", polling.failReason);
    assertEquals(List.of("respond 200", "abort"), computing.calls);
    assertEquals(2, handler.metrics().timeouts());
    assertTrue(
        log.contains("WARN [limits] interrupting 2 request(s) at shutdown"),
        log.snapshot()::toString);
    assertEquals(0, handler.poolStats().inUse());
    await(() -> !timerAlive("limits"), "close() stops the deadline timer");
  }

  static boolean timerAlive(String name) {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.isAlive() && t.getName().equals("wasi-http-deadlines-" + name));
  }

  static Duration seconds(long n) {
    return Duration.ofSeconds(n);
  }
}
