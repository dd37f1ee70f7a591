package dev.wasihttp.component.internal.engine;

import static dev.wasihttp.component.internal.engine.ModuleBytes.module;
import static dev.wasihttp.component.internal.engine.ModuleBytes.section;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.component.internal.abi.GuestMemory;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A module's memory starts as its active data segments make it, whether it is filled from the
 * memory image or by the engine, and each instance has its own copy.
 */
class MemoryImageTest {
  // (module (memory (export "mem") 2) (func (export "init") (memory.init 0 (i32.const 100)
  //   (i32.const 0) (i32.const 2))) (data (i32.const 0) "ab") (data (i32.const 1) "XY")
  //   (data (i32.const 65541) "z") (data "pq"))
  static final byte[] SEGMENTS =
      module(
          section(1, 1, 0x60, 0, 0),
          section(3, 1, 0),
          section(5, 1, 0, 2),
          section(7, 2, 3, 'm', 'e', 'm', 2, 0, 4, 'i', 'n', 'i', 't', 0, 0),
          section(12, 4),
          section(10, 1, 13, 0, 0x41, 0xe4, 0x00, 0x41, 0, 0x41, 2, 0xfc, 8, 0, 0, 0x0b),
          section(
              11, 4, 0, 0x41, 0, 0x0b, 2, 'a', 'b', 0, 0x41, 1, 0x0b, 2, 'X', 'Y', 0, 0x41, 0x85,
              0x80, 0x04, 0x0b, 1, 'z', 1, 2, 'p', 'q'));

  // (module (memory 1) (data (i32.const 65535) "ab"))
  static final byte[] OUT_OF_BOUNDS =
      module(section(5, 1, 0, 1), section(11, 1, 0, 0x41, 0xff, 0xff, 0x03, 0x0b, 2, 'a', 'b'));

  private static CoreInstance instantiate(CoreModule m) throws ComponentException {
    return Engine.instantiate(
        m,
        imp -> {
          throw new AssertionError("no imports");
        });
  }

  private static GuestMemory memory(CoreInstance i) {
    return ((CoreExtern.Mem) i.export("mem")).guestMemory();
  }

  @Test
  void segmentsAreAppliedInOrderAndEachInstanceHasItsOwnCopy() throws Exception {
    CoreModule m = CoreModule.parse(SEGMENTS, 0);
    assertNotNull(MemoryImage.of(m.module));
    CoreInstance first = instantiate(m);
    GuestMemory mem = memory(first);
    assertEquals("aXY", new String(mem.read(0, 3), StandardCharsets.US_ASCII));
    assertEquals('z', mem.readByte(65541));
    assertEquals(0, mem.readByte(65540));
    assertEquals(2 * 65536, mem.byteSize());
    mem.writeByte(0, (byte) '!');
    mem.writeByte(70000, (byte) 1);
    GuestMemory second = memory(instantiate(m));
    assertEquals('a', second.readByte(0));
    assertEquals(0, second.readByte(70000));
  }

  @Test
  void anActiveSegmentKeepsItsBytesForMemoryInit() throws Exception {
    // as the engine does without an image: memory.init of an active segment copies its bytes
    CoreInstance i = instantiate(CoreModule.parse(SEGMENTS, 0));
    ((CoreExtern.Func) i.export("init")).function().call(new long[0]);
    assertEquals('a', memory(i).readByte(100));
    assertEquals('b', memory(i).readByte(101));
  }

  @Test
  void aSegmentOutOfBoundsFailsInstantiationAsBefore() throws Exception {
    CoreModule m = CoreModule.parse(OUT_OF_BOUNDS, 0);
    assertNull(MemoryImage.of(m.module));
    ComponentException e = assertThrows(ComponentException.class, () -> instantiate(m));
    assertEquals(ComponentException.Kind.UNINSTANTIABLE, e.kind());
    assertTrue(e.getMessage().contains("out of bounds memory access"), e.getMessage());
  }
}
