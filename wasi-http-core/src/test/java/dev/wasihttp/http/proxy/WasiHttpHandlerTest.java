package dev.wasihttp.http.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.component.Component;
import dev.wasihttp.component.EngineMode;
import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.http.LogSink;
import dev.wasihttp.http.client.OutboundPolicy;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Linking, deadlines, concurrency and configuration of {@link WasiHttpHandler}. */
class WasiHttpHandlerTest {
  static final Path FIXTURES = Path.of("src/test/resources/components");

  @Test
  void aMissingImportIsUnlinkableAndNamed() throws Exception {
    Component calculator = Component.load(FIXTURES.resolve("calculator.wasm"));
    ComponentException e =
        assertThrows(
            ComponentException.class,
            () -> WasiHttpHandler.create(calculator, WasiHttpConfig.defaults()));
    assertEquals(ComponentException.Kind.UNLINKABLE, e.kind());
    assertTrue(e.getMessage().contains("host:demo/log"), e.getMessage());
  }

  @Test
  void aComponentWithoutTheIncomingHandlerIsUnlinkable() throws Exception {
    Component probe = Component.load(FIXTURES.resolve("wasi-probe.wasm"));
    ComponentException e =
        assertThrows(
            ComponentException.class,
            () -> WasiHttpHandler.create(probe, WasiHttpConfig.defaults()));
    assertEquals(ComponentException.Kind.UNLINKABLE, e.kind());
    assertTrue(e.getMessage().contains("wasi:http/incoming-handler@0.2"), e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  @Timeout(60) // a hang guard only: the deadline's outcome is what is asserted
  void theDeadlineAbortsAGuestWaitingForItsBodyAndLeavesTheThreadClean(EngineMode mode)
      throws Exception {
    Samples.Lines log = new Samples.Lines();
    WasiHttpConfig config =
        WasiHttpConfig.builder()
            .componentName("slow")
            .log(log)
            .timeout(Duration.ofMillis(300))
            .build();
    try (WasiHttpHandler handler =
        WasiHttpHandler.create(Samples.load(Samples.HELLO_C, mode), config)) {
      PipedOutputStream client = new PipedOutputStream();
      MemoryExchange x = new MemoryExchange("POST", "/echo");
      x.body(new PipedInputStream(client));
      client.write("partial".getBytes());
      long start = System.nanoTime();
      handler.handle(x); // the client never sends the rest
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertTrue(millis >= 250, "ended before the 300 ms deadline: " + millis + " ms");
      assertEquals(List.of("respond 200", "abort"), x.calls);
      assertTrue(x.abortReason.contains("guest timed out"), x.abortReason);
      assertEquals("partial", x.bodyText());
      assertFalse(Thread.currentThread().isInterrupted(), "the deadline's interrupt is cleared");
      assertTrue(
          log.contains("[slow] response aborted after it started"), log.snapshot()::toString);
      client.close();

      MemoryExchange next = new MemoryExchange("GET", "/next");
      handler.handle(next);
      assertEquals("hello from C: GET /next\n", next.bodyText());
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void oneHandlerServesManyThreadsAtOnce(EngineMode mode) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try (WasiHttpHandler handler =
        WasiHttpHandler.create(
            Samples.load(Samples.HELLO_C, mode),
            WasiHttpConfig.builder().log(LogSink.discard()).build())) {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        String path = "/r" + i;
        results.add(
            pool.submit(
                () -> {
                  MemoryExchange x = new MemoryExchange("GET", path);
                  handler.handle(x);
                  return x.bodyText();
                }));
      }
      for (int i = 0; i < results.size(); i++) {
        assertEquals("hello from C: GET /r" + i + "\n", results.get(i).get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void concurrentEchoesEachGetTheirOwnBody(EngineMode mode) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try (WasiHttpHandler handler =
        WasiHttpHandler.create(
            Samples.load(Samples.HELLO_C, mode),
            WasiHttpConfig.builder().log(LogSink.discard()).build())) {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        byte[] body = Samples.randomBytes(200_000 + i);
        results.add(
            pool.submit(
                () -> {
                  MemoryExchange x = new MemoryExchange("PUT", "/echo").body(body);
                  handler.handle(x);
                  return Arrays.equals(body, x.body.toByteArray())
                      && x.calls.equals(List.of("respond 200", "finish"));
                }));
      }
      for (Future<Boolean> r : results) {
        assertTrue(r.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void configDefaultsAndBuilder() {
    WasiHttpConfig d = WasiHttpConfig.defaults();
    assertEquals(WasiHttpConfig.DEFAULT_FORBIDDEN_HEADERS, d.forbiddenHeaders());
    assertEquals(128 * 1024, d.maxFieldSize());
    assertEquals(Duration.ofSeconds(60), d.timeout());
    assertEquals("component", d.componentName());
    assertEquals("component", d.wasi().componentName());

    Samples.Lines log = new Samples.Lines();
    WasiHttpConfig c =
        d.toBuilder()
            .componentName("shop")
            .forbiddenHeaders(Set.of("X-Internal"))
            .maxFieldSize(1000)
            .timeout(Duration.ZERO)
            .log(log)
            .build();
    assertEquals(Set.of("x-internal"), c.forbiddenHeaders());
    assertEquals("shop", c.wasi().componentName(), "a default WASI config follows the name");
    c.wasi().stdout().line("shop", "out");
    c.wasi().stderr().line("shop", "err");
    assertEquals(List.of("INFO [shop] out", "WARN [shop] err"), log.snapshot());
    assertThrows(IllegalArgumentException.class, () -> WasiHttpConfig.builder().maxFieldSize(0));
    assertThrows(
        IllegalArgumentException.class,
        () -> WasiHttpConfig.builder().timeout(Duration.ofSeconds(-1)));
  }

  static long clientThreads(String name) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("wasi-http-client-[" + name + "]"))
        .count();
  }

  @Test
  void theOutgoingClientLivesFromCreateToCloseOnlyWhenThePolicyAllowsSomething() throws Exception {
    Component hello = Component.load(Samples.HELLO_C);
    WasiHttpHandler denying =
        WasiHttpHandler.create(hello, WasiHttpConfig.builder().componentName("denying").build());
    assertEquals(0, clientThreads("denying"), "deny-all makes no client");
    denying.close();

    WasiHttpHandler allowing =
        WasiHttpHandler.create(
            hello,
            WasiHttpConfig.builder()
                .componentName("allowing")
                .outboundPolicy(OutboundPolicy.parse("https://api.test"))
                .build());
    assertTrue(clientThreads("allowing") > 0, "the client started with the handler");
    allowing.close();
    long deadline = System.nanoTime() + 30_000_000_000L; // a wait, not a bound: it ends early
    while (clientThreads("allowing") > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(0, clientThreads("allowing"), "close stopped the client's threads");
  }
}
