package dev.wasihttp.http.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.component.EngineMode;
import dev.wasihttp.component.InstancePool;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A guest that makes the host hold bytes for it without end ({@code limits-probe.wat}'s {@code
 * /fields} and {@code /handles}) traps at {@code maxHostMemory}: its request ends with a 500, its
 * instance is dropped, and the handler holds nothing for it afterwards.
 */
class HostMemoryLimitsTest {
  static final Samples.Lines LOG = new Samples.Lines();

  static WasiHttpHandler handler(EngineMode mode) throws Exception {
    return WasiHttpHandler.create(
        Samples.load(GuestMemoryLimitsTest.LIMITS_PROBE, mode),
        WasiHttpConfig.builder()
            .componentName("host-memory")
            .log(LOG)
            .maxHostMemory(1 << 20)
            .pool(new InstancePool.Config(1, Duration.ofMinutes(10)))
            .build());
  }

  static MemoryExchange get(WasiHttpHandler handler, String path) {
    MemoryExchange x = new MemoryExchange("GET", path);
    handler.handle(x);
    return x;
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void fieldsWithoutEndTrapAtMaxHostMemory(EngineMode mode) throws Exception {
    try (WasiHttpHandler handler = handler(mode)) {
      assertEquals(List.of("fail 500"), get(handler, "/fields").calls);
      assertTrue(
          LOG.contains("the guest trapped: host memory limit exceeded: 1048576 bytes"),
          LOG.snapshot()::toString);
      assertEquals(0, handler.metrics().hostMemoryBytes());
      assertEquals(List.of("respond 200", "finish"), get(handler, "/").calls);
      InstancePool.Stats stats = handler.poolStats();
      assertEquals(1, stats.discarded(), "the trapped instance was dropped");
      assertEquals(2, stats.instantiations());
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void handlesLeakedWithoutEndTrapAtMaxHostMemory(EngineMode mode) throws Exception {
    try (WasiHttpHandler handler = handler(mode)) {
      // 64 bytes a handle: 16,384 empty fields fill 1 MiB, fewer with the request's own.
      assertEquals(List.of("fail 500"), get(handler, "/handles").calls);
      assertTrue(
          LOG.contains("the guest trapped: host memory limit exceeded: 1048576 bytes"),
          LOG.snapshot()::toString);
      assertEquals(0, handler.metrics().hostMemoryBytes());
    }
  }
}
