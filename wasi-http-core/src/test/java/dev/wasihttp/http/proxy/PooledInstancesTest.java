package dev.wasihttp.http.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasihttp.component.EngineMode;
import dev.wasihttp.component.InstancePool;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A handler's pooled instances: each request is served by an instance reset to its state right
 * after instantiation, which the request cannot tell from a fresh one ({@code pool-probe.wat}
 * reports that state and then changes all of it), and an instance that trapped is never reused.
 */
class PooledInstancesTest {
  static final Samples.Lines LOG = new Samples.Lines();
  static final InstancePool.Config ONE = new InstancePool.Config(1, Duration.ofMinutes(10));
  static final long PAGE = 65536;

  static WasiHttpHandler handler(Path component, EngineMode mode, InstancePool.Config pool)
      throws Exception {
    return WasiHttpHandler.create(
        Samples.load(component, mode),
        WasiHttpConfig.builder().componentName("pooled").log(LOG).pool(pool).build());
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void aPoolOfOneServesAHundredRequestsFromOneInstanceThatEachSeesFresh(EngineMode mode)
      throws Exception {
    try (WasiHttpHandler handler = handler(PoolProbeTest.POOL_PROBE, mode, ONE)) {
      Set<String> randoms = new HashSet<>();
      for (int i = 0; i < 100; i++) {
        PoolProbeTest.Report report = PoolProbeTest.get(handler);
        // The previous request changed a global, a static, memory through stores, memory.fill,
        // memory.copy, memory.init and a host-written list, grew memory and the table, dropped
        // a data and an elem segment and leaked three handles: none of it shows.
        assertEquals(PoolProbeTest.Report.INITIAL.state(), report.state(), "request " + i);
        randoms.add(HexFormat.of().formatHex(report.random()));
      }
      assertEquals(100, randoms.size(), "wasi:random repeated itself across requests");
      // The one instance holds its page and the page each request grows, kept by the resets.
      assertEquals(new InstancePool.Stats(1, 99, 0, 0, 0, 1, 0, 2 * PAGE), handler.poolStats());
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void anInstanceThatTrappedIsDroppedAndTheNextRequestGetsANewOne(EngineMode mode)
      throws Exception {
    Path endings = Path.of("src/test/resources/components/http-endings.wasm");
    try (WasiHttpHandler handler = handler(endings, mode, ONE)) {
      assertEquals(List.of("respond 200", "finish"), run(handler, "POST").calls);
      assertEquals(List.of("respond 200", "abort"), run(handler, "PUT").calls); // traps
      assertEquals(List.of("respond 200", "finish"), run(handler, "POST").calls);
      assertEquals(List.of("respond 200", "finish"), run(handler, "POST").calls);
      // POST on a new instance, PUT on it after a reset (and dropped), then a new instance for
      // the third request, reset for the fourth.
      assertEquals(new InstancePool.Stats(2, 2, 1, 0, 0, 1, 0, 2 * PAGE), handler.poolStats());
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void withoutAPoolEveryRequestInstantiatesAfresh(EngineMode mode) throws Exception {
    try (WasiHttpHandler handler =
        handler(PoolProbeTest.POOL_PROBE, mode, InstancePool.Config.NONE)) {
      for (int i = 0; i < 3; i++) {
        assertEquals(
            PoolProbeTest.Report.INITIAL.state(), PoolProbeTest.get(handler).state(), "" + i);
      }
      assertEquals(new InstancePool.Stats(3, 0, 0, 3, 0, 0, 0, 0), handler.poolStats());
    }
  }

  private static MemoryExchange run(WasiHttpHandler handler, String method) {
    MemoryExchange x = new MemoryExchange(method, "/");
    handler.handle(x);
    return x;
  }
}
