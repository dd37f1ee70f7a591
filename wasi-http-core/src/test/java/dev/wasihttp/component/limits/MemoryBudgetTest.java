package dev.wasihttp.component.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.component.errors.Trap;
import org.junit.jupiter.api.Test;

/** Budgets inside budgets: a reservation is made in every one up the chain, or in none. */
class MemoryBudgetTest {
  @Test
  void aReservationTakesFromEveryBudgetUpTheChainOrFromNone() {
    MemoryBudget jvm = new MemoryBudget("guest memory budget", 100, null);
    MemoryBudget pool = MemoryBudget.counting("pool", jvm);
    MemoryBudget instance = new MemoryBudget("instance", 60, pool);
    assertTrue(instance.reserve(50));
    assertFalse(instance.reserve(20), "over the instance's own limit");
    assertTrue(jvm.reserve(40));
    assertFalse(pool.reserve(20), "over the JVM's");
    assertEquals(50, instance.used());
    assertEquals(50, pool.used());
    assertEquals(90, jvm.used());
    instance.release(30);
    assertEquals(20, pool.used());
    assertEquals(60, jvm.used());
  }

  @Test
  void closingGivesBackWhatIsLeftAndRefusesMore() {
    MemoryBudget parent = MemoryBudget.counting("handler", null);
    MemoryBudget request = new MemoryBudget("host memory", 1000, parent);
    request.charge(700);
    request.close();
    assertEquals(0, parent.used());
    assertFalse(request.reserve(1));
    request.release(700); // a late release by a holder changes nothing
    assertEquals(0, parent.used());
    assertEquals(0, request.used());
  }

  @Test
  void chargeTrapsWithTheLimitInItsWords() {
    MemoryBudget request = new MemoryBudget("host memory", 16 << 20, null);
    request.charge(16 << 20);
    Trap t = assertThrows(Trap.class, () -> request.charge(1));
    assertEquals("host memory limit exceeded: 16777216 bytes", t.reason());
  }

  @Test
  void aReleaseNeverTakesTheCountBelowZero() {
    MemoryBudget parent = MemoryBudget.counting("parent", null);
    MemoryBudget b = MemoryBudget.counting("b", parent);
    parent.reserve(10);
    b.reserve(5);
    b.release(50);
    assertEquals(0, b.used());
    assertEquals(10, parent.used(), "only what b had is given back above it");
  }
}
