package dev.wasihttp.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wasihttp.component.values.Val;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How an {@link InstancePool} keeps, hands out and drops instances of {@code calculator.wat}; what
 * a reused instance looks like inside is the subject of the wasi:http handler's pooled tests.
 */
class InstancePoolTest {
  static InstancePre<String> pre;

  @BeforeAll
  static void link() throws Exception {
    Linker<String> linker = new Linker<>();
    linker.func("host:demo/log@0.1.0", "log", (caller, args) -> null);
    pre =
        linker.instantiatePre(
            Component.load(Path.of("src/test/resources/components/calculator.wasm")));
  }

  static InstancePool<String> pool(int maxIdle, Duration idleTimeout) {
    return new InstancePool<>(pre, new InstancePool.Config(maxIdle, idleTimeout));
  }

  @Test
  void aReleasedInstanceIsHandedOutAgainWithTheNewData() throws Exception {
    InstancePool<String> pool = pool(2, Duration.ofMinutes(1));
    ComponentInstance<String> first = pool.acquire("request 1");
    assertEquals(new Val.U32(3), first.func("add").call(new Val.U32(1), new Val.U32(2)));
    pool.release(first, true);
    ComponentInstance<String> second = pool.acquire("request 2");
    assertSame(first, second);
    assertEquals("request 2", second.data());
    pool.release(second, true);
    assertEquals(new InstancePool.Stats(1, 1, 0, 0, 1, 0), pool.stats());
  }

  @Test
  void atMostMaxIdleInstancesWaitAndTheRestAreDropped() throws Exception {
    InstancePool<String> pool = pool(2, Duration.ofMinutes(1));
    ComponentInstance<String> a = pool.acquire("a");
    ComponentInstance<String> b = pool.acquire("b");
    ComponentInstance<String> c = pool.acquire("c");
    assertEquals(3, pool.stats().inUse());
    pool.release(a, true);
    pool.release(b, true);
    pool.release(c, true);
    assertEquals(new InstancePool.Stats(3, 0, 0, 1, 2, 0), pool.stats());
    assertSame(b, pool.acquire("d")); // the most recently released first
  }

  @Test
  void anInstanceReleasedAsNotReusableIsNeverHandedOutAgain() throws Exception {
    InstancePool<String> pool = pool(2, Duration.ofMinutes(1));
    ComponentInstance<String> a = pool.acquire("a");
    pool.release(a, false);
    assertNotSame(a, pool.acquire("b"));
    assertEquals(new InstancePool.Stats(2, 0, 1, 0, 0, 1), pool.stats());
  }

  @Test
  void instancesIdleLongerThanTheTimeoutAreDropped() throws Exception {
    InstancePool<String> pool = pool(2, Duration.ofMillis(1));
    pool.release(pool.acquire("a"), true);
    Thread.sleep(20); // longer than the timeout: the outcome does not depend on how much longer
    assertEquals(1, pool.evictIdle());
    assertEquals(new InstancePool.Stats(1, 0, 0, 1, 0, 0), pool.stats());
  }

  @Test
  void aClosedPoolKeepsNothing() throws Exception {
    InstancePool<String> pool = pool(2, Duration.ofMinutes(1));
    ComponentInstance<String> a = pool.acquire("a");
    pool.release(pool.acquire("b"), true);
    pool.close();
    pool.release(a, true);
    assertEquals(new InstancePool.Stats(2, 0, 0, 2, 0, 0), pool.stats());
  }

  @Test
  void badSettingsAreRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> new InstancePool.Config(-1, Duration.ofSeconds(1)));
    assertThrows(IllegalArgumentException.class, () -> new InstancePool.Config(1, Duration.ZERO));
    assertThrows(
        IllegalArgumentException.class, () -> new InstancePool.Config(1, Duration.ofDays(366)));
  }
}
