package dev.wasihttp.component.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.component.errors.Trap;
import java.lang.ref.WeakReference;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Budgets inside budgets: a reservation is made in every one up the chain, or in none; one that
 * does not fit takes what registered holders have idle, longest idle first.
 */
class MemoryBudgetTest {
  /** Idle items of {@code bytes} each, reserved from a budget, oldest last; logs what it gives. */
  static final class Holder implements MemoryBudget.Reclaimable {
    final String name;
    final MemoryBudget budget;
    final long bytes;
    final List<String> log;
    final ArrayDeque<Long> idleSince = new ArrayDeque<>(); // newest first

    Holder(String name, MemoryBudget budget, long bytes, List<String> log) {
      this.name = name;
      this.budget = budget;
      this.bytes = bytes;
      this.log = log;
      budget.register(this);
    }

    /** An item that became idle {@code agoNanos} ago. */
    Holder idle(long agoNanos) {
      assertTrue(budget.reserve(bytes));
      idleSince.addFirst(System.nanoTime() - agoNanos);
      return this;
    }

    @Override
    public synchronized OptionalLong oldestIdleSince() {
      return idleSince.isEmpty() ? OptionalLong.empty() : OptionalLong.of(idleSince.peekLast());
    }

    @Override
    public boolean releaseOldestIdle(long since) {
      synchronized (this) {
        if (idleSince.isEmpty() || idleSince.peekLast() - since > 0) {
          return false;
        }
        idleSince.pollLast();
      }
      budget.release(bytes);
      log.add(name);
      return true;
    }
  }

  @Test
  void aReservationThatDoesNotFitTakesWhatHasBeenIdleLongestAcrossHolders() {
    MemoryBudget budget = new MemoryBudget("guest memory budget", 100, null);
    List<String> given = new ArrayList<>();
    Holder a = new Holder("a", budget, 30, given).idle(3_000_000).idle(1_000_000);
    Holder b = new Holder("b", budget, 30, given).idle(2_000_000);
    assertEquals(90, budget.used());
    assertTrue(budget.reserve(50), "40 bytes short: two items had to go");
    assertEquals(List.of("a", "b"), given, "the oldest, a's, then b's");
    assertEquals(80, budget.used());
    assertEquals(1, a.idleSince.size(), "a's newer item stays");
    assertTrue(b.idleSince.isEmpty());
  }

  @Test
  void withNothingIdleTheReservationIsRefusedAndNothingChanges() {
    MemoryBudget budget = new MemoryBudget("guest memory budget", 100, null);
    List<String> given = new ArrayList<>();
    Holder a = new Holder("a", budget, 30, given).idle(1_000_000);
    assertTrue(budget.reserve(60)); // in use: not a holder's to give
    assertFalse(budget.reserve(50), "even a's idle 30 bytes leave it 40 short");
    assertEquals(List.of("a"), given, "what was idle went first");
    assertEquals(60, budget.used());
    assertFalse(budget.reserve(101), "over the limit: nobody is asked");
    assertEquals(List.of("a"), given);
    assertTrue(a.idleSince.isEmpty());
  }

  @Test
  void reserveIfFreeNeverTakesWhatIsIdle() {
    MemoryBudget budget = new MemoryBudget("guest memory budget", 100, null);
    List<String> given = new ArrayList<>();
    new Holder("a", budget, 80, given).idle(1_000_000);
    assertFalse(budget.reserveIfFree(30));
    assertTrue(budget.reserveIfFree(20));
    assertEquals(List.of(), given);
    assertEquals(100, budget.used());
  }

  @Test
  void aChildsReservationTakesWhatIsIdleUnderItsParent() {
    MemoryBudget jvm = new MemoryBudget("guest memory budget", 100, null);
    MemoryBudget one = MemoryBudget.counting("one", jvm);
    MemoryBudget other = MemoryBudget.counting("other", jvm);
    List<String> given = new ArrayList<>();
    new Holder("one's", one, 70, given).idle(1_000_000);
    MemoryBudget instance = MemoryBudget.counting("instance", other);
    assertTrue(instance.reserve(50), "the JVM's budget is full: one's idle item goes");
    assertEquals(List.of("one's"), given);
    assertEquals(0, one.used());
    assertEquals(50, jvm.used());
  }

  @Test
  void anUnregisteredHolderIsNotAsked() {
    MemoryBudget budget = new MemoryBudget("guest memory budget", 100, null);
    List<String> given = new ArrayList<>();
    Holder a = new Holder("a", budget, 80, given).idle(1_000_000);
    budget.unregister(a);
    assertFalse(budget.reserve(30));
    assertEquals(List.of(), given);
  }

  @Test
  void aHolderThatNeverGivesIsAskedOnceAndTheReservationEnds() {
    MemoryBudget budget = new MemoryBudget("guest memory budget", 100, null);
    List<String> asked = new ArrayList<>();
    MemoryBudget.Reclaimable liar =
        new MemoryBudget.Reclaimable() {
          @Override
          public OptionalLong oldestIdleSince() {
            return OptionalLong.of(System.nanoTime() - 1_000_000_000);
          }

          @Override
          public boolean releaseOldestIdle(long since) {
            asked.add("liar");
            return false;
          }
        };
    budget.register(liar);
    assertTrue(budget.reserve(100));
    assertFalse(budget.reserve(1));
    assertEquals(List.of("liar"), asked);
  }

  @Test
  void aHolderNobodyKeepsIsNotKeptAliveByTheBudget() throws Exception {
    MemoryBudget budget = new MemoryBudget("guest memory budget", 100, null);
    WeakReference<Holder> gone =
        new WeakReference<>(new Holder("gone", budget, 10, new ArrayList<>()));
    // The garbage collector finds it when it runs; ask it until it has (it always does, soon).
    for (int i = 0; i < 200 && gone.get() != null; i++) {
      System.gc();
      Thread.sleep(10);
    }
    assertEquals(null, gone.get());
    assertTrue(budget.reserve(100));
  }

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
