package dev.wasihttp.http.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.component.EngineMode;
import dev.wasihttp.component.InstancePool;
import dev.wasihttp.component.limits.MemoryBudget;
import dev.wasihttp.http.HttpField;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two handlers of hello-c sharing a memory budget with room for two instances: the instances one
 * handler keeps idle make room for the other's request, and instances in use never do.
 */
class BudgetPressureTest {
  static final Samples.Lines LOG = new Samples.Lines();

  /** A request to {@code /echo} whose body arrives only when {@link #finish}ed. */
  static final class HeldEcho {
    final MemoryExchange exchange = new MemoryExchange("POST", "/echo");
    final PipedOutputStream client = new PipedOutputStream();
    final Thread serving;

    /**
     * Starts the request and waits until the guest has set its response: its instance is in use.
     */
    HeldEcho(WasiHttpHandler handler) throws Exception {
      exchange.body(new PipedInputStream(client));
      serving = new Thread(() -> handler.handle(exchange), "held-echo");
      serving.start();
      for (int i = 0; i < 2000 && !exchange.calls.contains("respond 200"); i++) {
        Thread.sleep(5);
      }
      assertEquals(List.of("respond 200"), exchange.calls, LOG.snapshot()::toString);
    }

    /** Sends the body and waits for the request to end, its instance back in the pool. */
    void finish() throws IOException, InterruptedException {
      client.write("echo".getBytes());
      client.close();
      serving.join();
      assertEquals(List.of("respond 200", "finish"), exchange.calls, LOG.snapshot()::toString);
      assertEquals("echo", exchange.bodyText());
    }
  }

  static WasiHttpHandler handler(String name, EngineMode mode, MemoryBudget budget)
      throws Exception {
    return WasiHttpHandler.create(
        Samples.load(Samples.HELLO_C, mode),
        WasiHttpConfig.builder().componentName(name).log(LOG).memoryBudget(budget).build());
  }

  /** Serves two requests at once, so that the handler then keeps two instances idle. */
  static void serveTwoAtOnce(WasiHttpHandler handler) throws Exception {
    HeldEcho first = new HeldEcho(handler);
    HeldEcho second = new HeldEcho(handler);
    first.finish();
    second.finish();
  }

  /** The bytes two idle instances of hello-c hold after {@link #serveTwoAtOnce}. */
  static long twoInstances(EngineMode mode) throws Exception {
    MemoryBudget roomy = new MemoryBudget("roomy budget", 1L << 30, null);
    try (WasiHttpHandler probe = handler("probe", mode, roomy)) {
      serveTwoAtOnce(probe);
      assertEquals(2, probe.poolStats().idle());
      return roomy.used();
    }
  }

  static MemoryExchange hello(WasiHttpHandler handler) {
    MemoryExchange x = new MemoryExchange("GET", "/hello");
    handler.handle(x);
    return x;
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void theInstancesOneHandlerKeepsIdleMakeRoomForAnothersRequest(EngineMode mode) throws Exception {
    long two = twoInstances(mode);
    MemoryBudget budget = new MemoryBudget("test budget", two, null);
    try (WasiHttpHandler a = handler("a", mode, budget);
        WasiHttpHandler b = handler("b", mode, budget)) {
      serveTwoAtOnce(a);
      assertEquals(two, budget.used(), "a's two idle instances fill the budget");

      MemoryExchange x = hello(b);
      assertEquals(List.of("respond 200", "finish"), x.calls, LOG.snapshot()::toString);
      assertTrue(x.bodyText().startsWith("hello from C"), x.bodyText());
      // The instance idle longest made room; the other still waits for a's next request.
      assertEquals(new InstancePool.Stats(2, 0, 0, 0, 1, 1, 0, two / 2), a.poolStats());
      assertEquals(0, b.metrics().rejected());
      assertEquals(List.of("respond 200", "finish"), hello(a).calls);
      assertEquals(1, a.poolStats().resets());
    }
    assertEquals(0, budget.used());
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void instancesInUseAreNeverTakenAndTheOtherRequestGets503(EngineMode mode) throws Exception {
    long two = twoInstances(mode);
    MemoryBudget budget = new MemoryBudget("test budget", two, null);
    try (WasiHttpHandler a = handler("a", mode, budget);
        WasiHttpHandler b = handler("b", mode, budget)) {
      HeldEcho first = new HeldEcho(a);
      HeldEcho second = new HeldEcho(a);
      assertEquals(two, budget.used(), "a's two instances in use fill the budget");

      MemoryExchange refused = hello(b);
      assertEquals(List.of("fail 503"), refused.calls);
      assertTrue(refused.failReason.contains("memory budget"), refused.failReason);
      assertEquals(List.of(HttpField.latin1("Retry-After", "1")), refused.failHeaders);
      assertEquals(new InstancePool.Stats(2, 0, 0, 0, 0, 0, 2, two), a.poolStats());
      assertEquals(1, b.metrics().rejected());

      first.finish();
      second.finish();
      // Once they are idle, they are a's no more than the budget's.
      assertEquals(List.of("respond 200", "finish"), hello(b).calls);
      assertEquals(1, a.poolStats().reclaimed());
    }
  }
}
