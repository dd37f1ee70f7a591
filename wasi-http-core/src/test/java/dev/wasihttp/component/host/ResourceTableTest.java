package dev.wasihttp.component.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.component.errors.Trap;
import dev.wasihttp.component.limits.MemoryBudget;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-instance resource table: reps, the capacity cap, the parent/child rule, close. */
class ResourceTableTest {
  record Body(String name) {}

  @Test
  void repsStartAtOneAndAreNeverReused() {
    ResourceTable t = new ResourceTable(10);
    int a = t.push(new Body("a"));
    assertEquals(1, a);
    t.delete(a, Body.class);
    assertEquals(2, t.push(new Body("b")));
    assertFalse(t.contains(a));
    Trap stale = assertThrows(Trap.class, () -> t.get(a, Body.class));
    assertTrue(stale.reason().contains("unknown"), stale.reason());
  }

  @Test
  void aWrongStateClassTraps() {
    ResourceTable t = new ResourceTable(10);
    int rep = t.push(new Body("a"));
    assertThrows(Trap.class, () -> t.get(rep, String.class));
  }

  @Test
  void theCapacityIsACap() {
    ResourceTable t = new ResourceTable(2);
    t.push(new Body("a"));
    t.push(new Body("b"));
    Trap full = assertThrows(Trap.class, () -> t.push(new Body("c")));
    assertTrue(full.reason().contains("at most 2"), full.reason());
  }

  @Test
  void aParentCannotBeDeletedWhileItsChildLives() {
    ResourceTable t = new ResourceTable(10);
    int body = t.push(new Body("body"));
    int stream = t.pushChild(new Body("stream"), body);
    Trap t1 = assertThrows(Trap.class, () -> t.delete(body, Body.class));
    assertTrue(t1.reason().startsWith("resource has children"), t1.reason());
    t.delete(stream, Body.class);
    assertEquals(new Body("body"), t.delete(body, Body.class));
    assertEquals(0, t.size());
  }

  @Test
  void closeClosesEveryEntryChildrenFirst() {
    List<String> closed = new ArrayList<>();
    ResourceTable t = new ResourceTable(10);
    int parent = t.push((AutoCloseable) () -> closed.add("parent"));
    t.pushChild((AutoCloseable) () -> closed.add("child"), parent);
    t.push(new Body("not closeable"));
    t.close();
    assertEquals(List.of("child", "parent"), closed);
    assertEquals(0, t.size());
  }

  /** A state holding {@code bytes} for the guest, which may change. */
  static final class Held implements ResourceTable.Sized {
    long bytes;

    Held(long bytes) {
      this.bytes = bytes;
    }

    @Override
    public long hostBytes() {
      return bytes;
    }
  }

  @Test
  void everyEntryIsChargedToTheHostMemoryBudgetAndTrapsPastIt() {
    MemoryBudget memory = new MemoryBudget("host memory", 1000, null);
    ResourceTable t = new ResourceTable(100, memory);
    int a = t.push(new Body("a"));
    int held = t.push(new Held(500));
    assertEquals(2 * ResourceTable.ENTRY_COST + 500, memory.used());
    Trap full = assertThrows(Trap.class, () -> t.push(new Held(400)));
    assertEquals("host memory limit exceeded: 1000 bytes", full.reason());
    assertEquals(628, memory.used(), "the refused entry took nothing");
    t.delete(held, Held.class);
    assertEquals(ResourceTable.ENTRY_COST, memory.used());
    t.push(new Held(400)); // room again
    t.delete(a, Body.class);
    t.close();
    assertEquals(0, memory.used());
  }

  @Test
  void aStateThatChangedIsRecounted() {
    MemoryBudget memory = new MemoryBudget("host memory", 1000, null);
    ResourceTable t = new ResourceTable(100, memory);
    Held h = new Held(100);
    int rep = t.push(h);
    h.bytes = 900;
    t.recount(rep);
    assertEquals(964, memory.used());
    h.bytes = 10;
    t.recount(rep);
    assertEquals(74, memory.used());
    h.bytes = 2000;
    assertThrows(Trap.class, () -> t.recount(rep));
    assertEquals(74, memory.used());
    t.delete(rep, Held.class); // what was last counted is given back
    assertEquals(0, memory.used());
  }
}
