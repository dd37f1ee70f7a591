package dev.wasihttp.http.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.component.EngineMode;
import dev.wasihttp.component.InstancePool;
import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.component.limits.MemoryBudget;
import dev.wasihttp.http.HttpField;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A handler's instances under {@code maxMemory} and the memory budget: {@code limits-probe.wat}'s
 * {@code /grow} grows its memory a page at a time until {@code memory.grow} returns -1 and answers
 * the pages it got.
 */
class GuestMemoryLimitsTest {
  static final Path LIMITS_PROBE = Path.of("src/test/resources/components/limits-probe.wasm");
  static final long PAGE = 65536;
  static final Samples.Lines LOG = new Samples.Lines();

  static WasiHttpConfig.Builder config() {
    return WasiHttpConfig.builder().componentName("limits").log(LOG);
  }

  /** The pages {@code /grow} reached. */
  static int grow(WasiHttpHandler handler) {
    MemoryExchange x = new MemoryExchange("GET", "/grow");
    handler.handle(x);
    assertEquals(List.of("respond 200", "finish"), x.calls, LOG.snapshot()::toString);
    return ByteBuffer.wrap(x.body.toByteArray()).order(ByteOrder.LITTLE_ENDIAN).getInt();
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void memoryGrowReturnsMinusOneAtMaxMemory(EngineMode mode) throws Exception {
    MemoryBudget budget = new MemoryBudget("test budget", 1L << 30, null);
    try (WasiHttpHandler handler =
        WasiHttpHandler.create(
            Samples.load(LIMITS_PROBE, mode),
            config().maxMemory(PAGE * 16 + 1000).memoryBudget(budget).build())) {
      assertEquals(16, grow(handler)); // whole pages only
      // The reset instance keeps the grown room, held but not seen: the cap is the same.
      assertEquals(16, grow(handler));
      assertEquals(16 * PAGE, handler.metrics().guestMemoryBytes());
      assertEquals(16 * PAGE, budget.used());
    }
    assertEquals(0, budget.used(), "closing the handler dropped its instances");
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void memoryGrowReturnsMinusOneWhenTheBudgetIsSpent(EngineMode mode) throws Exception {
    MemoryBudget budget = new MemoryBudget("test budget", 10 * PAGE, null);
    try (WasiHttpHandler handler =
        WasiHttpHandler.create(
            Samples.load(LIMITS_PROBE, mode), config().memoryBudget(budget).build())) {
      assertEquals(10, grow(handler));
      assertEquals(10 * PAGE, budget.used());
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void aComponentWhoseInstancesStartOverMaxMemoryIsRefusedAtCreate(EngineMode mode)
      throws Exception {
    ComponentException e =
        assertThrows(
            ComponentException.class,
            () ->
                WasiHttpHandler.create(
                    Samples.load(LIMITS_PROBE, mode), config().maxMemory(PAGE - 1).build()));
    assertEquals(ComponentException.Kind.UNINSTANTIABLE, e.kind());
    assertEquals(
        "uninstantiable component: its instances start with 65536 bytes of linear memory, more"
            + " than maxMemory (65535 bytes)",
        e.getMessage());
  }

  /**
   * With room in the budget for one instance of hello-c, a request that comes while another holds
   * it gets 503, and once that one is over (its instance dropped: no pool) the next one is served.
   */
  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void aNewInstanceTheBudgetCannotHoldIsAnswered503UntilAnotherIsDropped(EngineMode mode)
      throws Exception {
    long oneInstance;
    try (WasiHttpHandler probe =
        WasiHttpHandler.create(Samples.load(Samples.HELLO_C, mode), config().build())) {
      MemoryExchange x = new MemoryExchange("GET", "/hello");
      probe.handle(x);
      oneInstance = probe.metrics().guestMemoryBytes();
    }
    MemoryBudget budget = new MemoryBudget("test budget", oneInstance + oneInstance / 2, null);
    try (WasiHttpHandler handler =
        WasiHttpHandler.create(
            Samples.load(Samples.HELLO_C, mode),
            config().pool(InstancePool.Config.NONE).memoryBudget(budget).build())) {
      // The first request echoes a body that arrives only when the test sends it.
      PipedOutputStream client = new PipedOutputStream();
      MemoryExchange first = new MemoryExchange("POST", "/echo");
      first.body(new PipedInputStream(client));
      Thread serving = new Thread(() -> handler.handle(first), "first-request");
      serving.start();
      for (int i = 0; i < 2000 && !first.calls.contains("respond 200"); i++) {
        Thread.sleep(5); // until the guest has set its response: its instance is in use
      }
      assertEquals(List.of("respond 200"), first.calls);

      MemoryExchange second = new MemoryExchange("GET", "/hello");
      handler.handle(second);
      assertEquals(List.of("fail 503"), second.calls);
      assertTrue(second.failReason.contains("memory budget"), second.failReason);
      assertEquals(List.of(HttpField.latin1("Retry-After", "1")), second.failHeaders);
      assertTrue(
          LOG.contains("logged at most once a second): no memory for another instance"),
          LOG.snapshot()::toString);

      client.write("echo".getBytes());
      client.close();
      serving.join();
      assertEquals(List.of("respond 200", "finish"), first.calls);
      assertEquals("echo", first.bodyText());
      assertEquals(0, budget.used());

      MemoryExchange third = new MemoryExchange("GET", "/hello");
      handler.handle(third);
      assertEquals(List.of("respond 200", "finish"), third.calls);
      assertEquals(1, handler.metrics().rejected());
    }
  }
}
