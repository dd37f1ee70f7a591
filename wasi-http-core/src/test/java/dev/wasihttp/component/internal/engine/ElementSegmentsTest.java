package dev.wasihttp.component.internal.engine;

import static dev.wasihttp.component.internal.engine.ModuleBytes.module;
import static dev.wasihttp.component.internal.engine.ModuleBytes.section;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.component.internal.abi.CoreFunc;
import org.junit.jupiter.api.Test;

/** Active element segments fill a module's tables as the engine would, decoded once. */
class ElementSegmentsTest {
  // (module (type $v (func (result i32))) (table 3 funcref)
  //   (func (type $v) (i32.const 7)) (func (type $v) (i32.const 9))
  //   (func (export "get") (param i32) (result i32) (call_indirect (type $v) (local.get 0)))
  //   (elem (i32.const 1) func 0 1))
  static final byte[] TABLE =
      module(
          section(1, 2, 0x60, 0, 1, 0x7f, 0x60, 1, 0x7f, 1, 0x7f),
          section(3, 3, 0, 0, 1),
          section(4, 1, 0x70, 0, 3),
          section(7, 1, 3, 'g', 'e', 't', 0, 2),
          section(9, 1, 0, 0x41, 1, 0x0b, 2, 0, 1),
          section(
              10, 3, 4, 0, 0x41, 7, 0x0b, 4, 0, 0x41, 9, 0x0b, 7, 0, 0x20, 0, 0x11, 0, 0, 0x0b));

  // (module (type (func)) (table 1 funcref) (func) (elem (i32.const 1) func 0))
  static final byte[] OUT_OF_BOUNDS =
      module(
          section(1, 1, 0x60, 0, 0),
          section(3, 1, 0),
          section(4, 1, 0x70, 0, 1),
          section(9, 1, 0, 0x41, 1, 0x0b, 1, 0),
          section(10, 1, 2, 0, 0x0b));

  private static CoreInstance instantiate(CoreModule m) throws ComponentException {
    return Engine.instantiate(
        m,
        imp -> {
          throw new AssertionError("no imports");
        });
  }

  @Test
  void fillsTheTableAtTheSegmentsOffset() throws Exception {
    CoreModule m = CoreModule.parse(TABLE, 0);
    assertNotNull(ElementSegments.of(m.module));
    CoreFunc get = ((CoreExtern.Func) instantiate(m).export("get")).function();
    assertArrayEquals(new long[] {7}, get.call(new long[] {1}));
    assertArrayEquals(new long[] {9}, get.call(new long[] {2}));
    Exception empty = assertThrows(RuntimeException.class, () -> get.call(new long[] {0}));
    assertEquals("uninitialized element 0", empty.getMessage());
  }

  @Test
  void aSegmentOutOfBoundsFailsInstantiation() throws Exception {
    ComponentException e =
        assertThrows(
            ComponentException.class, () -> instantiate(CoreModule.parse(OUT_OF_BOUNDS, 0)));
    assertEquals(ComponentException.Kind.UNINSTANTIABLE, e.kind());
    assertEquals("out of bounds table access", e.detail());
  }
}
