package dev.wasihttp.component.internal.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.UninstantiableException;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.PassiveDataSegment;
import dev.wasihttp.component.errors.ComponentException;
import org.junit.jupiter.api.Test;

/** A linear memory put back to a captured image after stores, bulk operations and growth. */
class LinearMemoryTest {
  static final int PAGE = Memory.PAGE_SIZE;

  static LinearMemory memory(MemoryLimits limits) {
    try {
      return new LinearMemory(limits, MemoryLimiter.NONE);
    } catch (ComponentException e) {
      throw new AssertionError(e);
    }
  }

  static LinearMemory withImage(byte[][] image) {
    LinearMemory m = memory(new MemoryLimits(2, 4));
    m.fill(image);
    return m;
  }

  @Test
  void restoreUndoesEveryKindOfWriteAndKeepsWhatWasThereBefore() {
    byte[] initial = new byte[2 * PAGE];
    initial[5] = 42;
    initial[PAGE + 7] = 9;
    byte[][] blocks = LinearMemory.blocksOf(initial);
    LinearMemory m = withImage(blocks);
    m.initialize(null, new DataSegment[] {new PassiveDataSegment(new byte[] {1, 2, 3})});
    LinearMemory.Image image = m.capture(blocks);

    m.writeI32(4094, 0x01020304); // straddles two blocks
    m.writeLong(PAGE, -1L);
    m.writeByte(5, (byte) 0);
    m.fill((byte) 0x55, 10_000, 20_000);
    m.copy(30_000, PAGE, 16);
    m.initPassiveSegment(0, 40_000, 0, 3);
    m.drop(0);
    m.write(50_000, new byte[] {7, 7}, 0, 2);
    m.restore(image);

    assertArrayEquals(initial, m.readBytes(0, 2 * PAGE));
    m.initPassiveSegment(0, 40_000, 0, 3); // the dropped segment is back
    assertArrayEquals(new byte[] {1, 2, 3}, m.readBytes(40_000, 3));
  }

  @Test
  void aMemoryGrownSinceTheImageShrinksBack() {
    LinearMemory m = memory(new MemoryLimits(1, 4));
    m.writeI32(100, 77);
    LinearMemory.Image image = m.capture(null); // a block written before the capture is kept
    assertEquals(1, m.grow(2));
    m.writeI32(2 * PAGE + 8, 5);
    m.writeI32(100, 1);
    m.restore(image);
    assertEquals(1, m.pages());
    assertEquals(77, m.readInt(100));
    assertThrows(WasmRuntimeException.class, () -> m.readInt(PAGE + 8));
    assertEquals(1, m.grow(2)); // and grows again from there, zeroed (the room may be kept)
    assertEquals(0, m.readInt(PAGE + 8));
    assertEquals(0, m.readInt(2 * PAGE + 8));
  }

  @Test
  void growBeyondTheMaximumFailsWithMinusOne() {
    LinearMemory m = memory(new MemoryLimits(1, 2));
    assertEquals(-1, m.grow(2));
    assertEquals(-1, m.grow(-1)); // an unsigned delta of 2^32 - 1 pages
    assertEquals(1, m.grow(1));
    assertEquals(2, m.pages());
  }

  @Test
  void accessesOutsideTheMemoryTrapWithTheEnginesMessage() {
    LinearMemory m = memory(new MemoryLimits(1, 1));
    WasmRuntimeException e = assertThrows(WasmRuntimeException.class, () -> m.readInt(PAGE - 3));
    assertTrue(e.getMessage().startsWith("out of bounds memory access"), e.getMessage());
    assertThrows(WasmRuntimeException.class, () -> m.writeLong(-8, 1)); // address 2^32 - 8
    assertThrows(WasmRuntimeException.class, () -> m.fill((byte) 1, PAGE - 1, PAGE + 1));
    assertThrows(WasmRuntimeException.class, () -> m.copy(0, PAGE - 4, 8));
    m.fill((byte) 1, PAGE, PAGE); // zero bytes at the end are in bounds
  }

  // (module (memory 40000)): more pages than a Java array holds, fewer than wasm allows
  static final byte[] TOO_LARGE =
      ModuleBytes.module(ModuleBytes.section(5, 1, 0x00, 0xc0, 0xb8, 0x02));

  @Test
  void aMemoryLargerThanTheRuntimeHoldsFailsInstantiation() throws Exception {
    UninstantiableException direct =
        assertThrows(
            UninstantiableException.class,
            () -> new LinearMemory(new MemoryLimits(40000), MemoryLimiter.NONE));
    assertEquals(
        "memory of 40000 pages is larger than the 32767 this runtime can hold",
        direct.getMessage());

    ComponentException e =
        assertThrows(
            ComponentException.class,
            () -> Engine.instantiate(CoreModule.parse(TOO_LARGE, 0), imp -> null));
    assertEquals(ComponentException.Kind.UNINSTANTIABLE, e.kind());
    assertEquals(direct.getMessage(), e.detail());
  }

  /** A limiter that caps the size at {@code max} bytes and counts what it let through. */
  static final class Counting implements MemoryLimiter {
    final long max;
    long size;
    long held;

    Counting(long max) {
      this.max = max;
    }

    @Override
    public void create(long bytes) throws ComponentException {
      if (bytes > max - size) {
        throw new ComponentException(ComponentException.Kind.UNINSTANTIABLE, "over " + max);
      }
      size += bytes;
      held += bytes;
    }

    @Override
    public boolean grow(long sizeDelta, long heldDelta) {
      if (sizeDelta > max - size) {
        return false;
      }
      size += sizeDelta;
      held += heldDelta;
      return true;
    }

    @Override
    public void shrink(long sizeDelta, long heldDelta) {
      size -= sizeDelta;
      held -= heldDelta;
    }

    @Override
    public long growthLeft() {
      return max - size;
    }
  }

  @Test
  void growingAPageAtATimeCopiesTheMemoryOnlyNowAndThen() throws Exception {
    Counting limiter = new Counting(64L << 20);
    LinearMemory m = new LinearMemory(new MemoryLimits(1, 65536), limiter);
    m.writeByte(PAGE - 1, (byte) 7);
    int reallocations = 0;
    long held = m.held();
    for (int page = 1; page < 1024; page++) { // to 64 MiB
      assertEquals(page, m.grow(1));
      if (m.held() != held) {
        reallocations++;
        held = m.held();
      }
    }
    assertEquals(1024, m.pages());
    assertEquals(7, m.read(PAGE - 1));
    assertTrue(reallocations < 30, "reallocated " + reallocations + " times for 1023 pages");
    assertTrue(m.held() <= 64L << 20, "no room past what the limiter lets it grow to");
    assertEquals(limiter.held, m.held(), "the limiter counted the room too");
  }

  @Test
  void growPastTheLimitersCapFailsWithMinusOneAndChangesNothing() throws Exception {
    Counting limiter = new Counting(3 * PAGE);
    LinearMemory m = new LinearMemory(new MemoryLimits(1, 100), limiter);
    assertEquals(1, m.grow(2));
    assertEquals(-1, m.grow(1));
    assertEquals(3, m.pages());
    assertEquals(3 * PAGE, limiter.size);
    assertThrows(WasmRuntimeException.class, () -> m.readInt(3 * PAGE));
  }

  @Test
  void aMemoryOverTheCapIsNotCreated() {
    assertThrows(
        ComponentException.class,
        () -> new LinearMemory(new MemoryLimits(4, 100), new Counting(3 * PAGE)));
  }

  @Test
  void theLimiterCountsTheRoomAResetKeepsAsHeldButNotAsSize() throws Exception {
    Counting limiter = new Counting(1000 * PAGE);
    LinearMemory m = new LinearMemory(new MemoryLimits(1, 1000), limiter);
    LinearMemory.Image image = m.capture(null);
    m.grow(3);
    assertEquals(4 * PAGE, limiter.held);
    m.restore(image); // the 3 pages of room are kept, zeroed
    assertEquals(PAGE, limiter.size);
    assertEquals(4 * PAGE, limiter.held);
    assertEquals(4 * PAGE, m.held());
    m.grow(2); // into the kept room: nothing more is held
    assertEquals(3 * PAGE, limiter.size);
    assertEquals(4 * PAGE, limiter.held);
    m.grow(400); // 25 MiB: past what a reset keeps
    m.restore(image);
    assertEquals(PAGE, limiter.size);
    assertEquals(PAGE, limiter.held); // given back
    assertEquals(PAGE, m.held());
  }
}
