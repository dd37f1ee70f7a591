package dev.wasihttp.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.component.errors.ResourceExhausted;
import dev.wasihttp.component.limits.InstanceLimits;
import dev.wasihttp.component.limits.MemoryBudget;
import dev.wasihttp.component.values.Val;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How an {@link InstancePool} keeps, hands out and drops instances of {@code calculator.wat}; what
 * a reused instance looks like inside is the subject of the wasi:http handler's pooled tests.
 */
class InstancePoolTest {
  /** calculator.wat's one memory: a page. */
  static final long PAGE = 65536;

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
    assertEquals(new InstancePool.Stats(1, 1, 0, 0, 0, 1, 0, PAGE), pool.stats());
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
    assertEquals(new InstancePool.Stats(3, 0, 0, 1, 0, 2, 0, 2 * PAGE), pool.stats());
    assertSame(b, pool.acquire("d")); // the most recently released first
  }

  @Test
  void anInstanceReleasedAsNotReusableIsNeverHandedOutAgain() throws Exception {
    InstancePool<String> pool = pool(2, Duration.ofMinutes(1));
    ComponentInstance<String> a = pool.acquire("a");
    pool.release(a, false);
    assertNotSame(a, pool.acquire("b"));
    assertEquals(new InstancePool.Stats(2, 0, 1, 0, 0, 0, 1, PAGE), pool.stats());
  }

  @Test
  void instancesIdleLongerThanTheTimeoutAreDropped() throws Exception {
    InstancePool<String> pool = pool(2, Duration.ofMillis(1));
    pool.release(pool.acquire("a"), true);
    Thread.sleep(20); // longer than the timeout: the outcome does not depend on how much longer
    assertEquals(1, pool.evictIdle());
    assertEquals(new InstancePool.Stats(1, 0, 0, 1, 0, 0, 0, 0), pool.stats());
  }

  @Test
  void aClosedPoolKeepsNothing() throws Exception {
    InstancePool<String> pool = pool(2, Duration.ofMinutes(1));
    ComponentInstance<String> a = pool.acquire("a");
    pool.release(pool.acquire("b"), true);
    pool.close();
    pool.release(a, true);
    assertEquals(new InstancePool.Stats(2, 0, 0, 2, 0, 0, 0, 0), pool.stats());
  }

  @Test
  void badSettingsAreRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> new InstancePool.Config(-1, Duration.ofSeconds(1)));
    assertThrows(IllegalArgumentException.class, () -> new InstancePool.Config(1, Duration.ZERO));
    assertThrows(
        IllegalArgumentException.class, () -> new InstancePool.Config(1, Duration.ofDays(366)));
  }

  @Test
  void instancesMadeAndDroppedLeaveTheBudgetAsTheyFoundIt() throws Exception {
    MemoryBudget budget = new MemoryBudget("test budget", 1L << 30, null);
    InstancePool<String> pool =
        new InstancePool<>(
            pre,
            new InstancePool.Config(2, Duration.ofMinutes(1)),
            InstanceLimits.defaults().withBudget(budget));
    List<ComponentInstance<String>> held = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      held.add(pool.acquire("use " + i));
    }
    assertEquals(20 * PAGE, budget.used());
    assertEquals(20 * PAGE, pool.stats().memory());
    for (int i = 0; i < held.size(); i++) {
      pool.release(held.get(i), i % 3 != 0); // some trapped, two are kept, the rest evicted
    }
    assertEquals(2 * PAGE, budget.used(), "the two idle instances hold their memory");
    pool.release(pool.acquire("reset"), false); // an idle one handed out, then discarded
    assertEquals(PAGE, budget.used());
    pool.close();
    assertEquals(0, budget.used());
    assertEquals(0, pool.stats().memory());
  }

  @Test
  void aBudgetThatCannotHoldANewInstanceRefusesItUntilAnotherIsDropped() throws Exception {
    MemoryBudget budget = new MemoryBudget("test budget", PAGE + PAGE / 2, null);
    InstancePool<String> pool =
        new InstancePool<>(
            pre,
            new InstancePool.Config(0, Duration.ofMinutes(1)),
            InstanceLimits.defaults().withBudget(budget));
    ComponentInstance<String> a = pool.acquire("a");
    ResourceExhausted e = assertThrows(ResourceExhausted.class, () -> pool.acquire("b"));
    assertTrue(e.getMessage().contains("memory budget"), e.getMessage());
    assertEquals(PAGE, budget.used(), "the refused instance reserved nothing");
    assertEquals(1, pool.stats().inUse());
    pool.release(a, true); // no room to keep it: dropped
    assertEquals(0, budget.used());
    ComponentInstance<String> c = pool.acquire("c");
    assertEquals(new Val.U32(3), c.func("add").call(new Val.U32(1), new Val.U32(2)));
    pool.release(c, true);
    assertEquals(new InstancePool.Stats(2, 0, 0, 2, 0, 0, 0, 0), pool.stats());
  }

  static InstancePool<String> pool(int maxIdle, MemoryBudget budget) {
    return new InstancePool<>(
        pre,
        new InstancePool.Config(maxIdle, Duration.ofMinutes(10)),
        InstanceLimits.defaults().withBudget(budget));
  }

  @Test
  void aPoolSharingAFullBudgetTakesTheInstancesIdleLongestInAnotherPool() throws Exception {
    MemoryBudget budget = new MemoryBudget("test budget", 3 * PAGE, null);
    InstancePool<String> busy = pool(4, budget);
    ComponentInstance<String> a = busy.acquire("a");
    ComponentInstance<String> b = busy.acquire("b");
    ComponentInstance<String> c = busy.acquire("c");
    busy.release(a, true); // idle longest
    busy.release(b, true);
    busy.release(c, true);
    assertEquals(3 * PAGE, budget.used());

    InstancePool<String> other = pool(4, budget);
    ComponentInstance<String> d = other.acquire("d");
    assertEquals(new Val.U32(3), d.func("add").call(new Val.U32(1), new Val.U32(2)));
    assertEquals(new InstancePool.Stats(3, 0, 0, 0, 1, 2, 0, 2 * PAGE), busy.stats());
    assertEquals(new InstancePool.Stats(1, 0, 0, 0, 0, 0, 1, PAGE), other.stats());
    assertSame(c, busy.acquire("e"), "the most recently used is still there");
    assertSame(b, busy.acquire("f"), "and so is the next; a was taken");
    busy.close();
    other.close();
  }

  @Test
  void instancesInUseAreNeverTakenForAnotherPool() throws Exception {
    MemoryBudget budget = new MemoryBudget("test budget", 2 * PAGE, null);
    InstancePool<String> busy = pool(4, budget);
    ComponentInstance<String> a = busy.acquire("a");
    ComponentInstance<String> b = busy.acquire("b");
    InstancePool<String> other = pool(4, budget);
    assertThrows(ResourceExhausted.class, () -> other.acquire("c"));
    assertEquals(new InstancePool.Stats(2, 0, 0, 0, 0, 0, 2, 2 * PAGE), busy.stats());
    busy.release(a, true);
    other.release(other.acquire("d"), true); // now a is idle, and taken
    assertEquals(new InstancePool.Stats(2, 0, 0, 0, 1, 0, 1, PAGE), busy.stats());
    busy.release(b, true);
  }

  @Test
  void aClosedPoolIsNoLongerAskedAndLeavesNothingBehind() throws Exception {
    MemoryBudget budget = new MemoryBudget("test budget", 2 * PAGE, null);
    InstancePool<String> closed = pool(4, budget);
    ComponentInstance<String> a = closed.acquire("a");
    closed.close();
    closed.release(a, true);
    InstancePool<String> other = pool(4, budget);
    ComponentInstance<String> b = other.acquire("b");
    ComponentInstance<String> c = other.acquire("c");
    assertEquals(2 * PAGE, budget.used());
    assertEquals(new InstancePool.Stats(1, 0, 0, 1, 0, 0, 0, 0), closed.stats());
    other.release(b, true);
    other.release(c, true);
  }

  @Test
  void anInstanceWhoseInitialMemoryIsOverTheLimitCannotBeMade() throws Exception {
    assertEquals(PAGE, pre.initialMemory());
    MemoryBudget budget = new MemoryBudget("test budget", 1L << 30, null);
    InstanceLimits limits = InstanceLimits.defaults().withBudget(budget).withMaxMemory(PAGE - 1);
    ComponentException e =
        assertThrows(ComponentException.class, () -> pre.instantiate("x", limits));
    assertEquals(ComponentException.Kind.UNINSTANTIABLE, e.kind());
    assertTrue(e.getMessage().contains("over the limit of 65535 bytes"), e.getMessage());
    assertEquals(0, budget.used());
    try (ComponentInstance<String> fits = pre.instantiate("y", limits.withMaxMemory(PAGE))) {
      assertEquals(PAGE, fits.memorySize());
      assertEquals(PAGE, budget.used());
    }
    assertEquals(0, budget.used());
  }

  @Test
  void anInstanceDroppedWithoutCloseGivesItsMemoryBackOnceUnreachable() throws Exception {
    MemoryBudget budget = new MemoryBudget("test budget", 1L << 30, null);
    pre.instantiate("forgotten", InstanceLimits.defaults().withBudget(budget));
    assertEquals(PAGE, budget.used());
    // The garbage collector finds it when it runs; ask it until it has (it always does, soon).
    for (int i = 0; i < 200 && budget.used() != 0; i++) {
      System.gc();
      Thread.sleep(10);
    }
    assertEquals(0, budget.used());
  }
}
