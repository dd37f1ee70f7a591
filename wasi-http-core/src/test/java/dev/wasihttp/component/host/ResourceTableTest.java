package dev.wasihttp.component.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.component.errors.Trap;
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
}
