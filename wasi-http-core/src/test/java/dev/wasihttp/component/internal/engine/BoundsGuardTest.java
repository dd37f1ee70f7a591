package dev.wasihttp.component.internal.engine;

import static dev.wasihttp.component.EngineMode.COMPILER;
import static dev.wasihttp.component.internal.engine.SharedWithOwner.trap;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.component.EngineMode;
import dev.wasihttp.component.errors.Trap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code memory-wrap.wat} and {@code table-bounds.wat}: accesses whose bounds Chicory 1.7.5 checks
 * in int arithmetic that overflows trap with the spec's reason, in both engine modes, and leave the
 * owner's memory and table as they were.
 */
class BoundsGuardTest {
  static final long WRAPS = 0xfffffff0L; // + offset 32: 2^32 + 16

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void narrowStoresPastTwoToThe32TrapInsteadOfWrappingAround(EngineMode mode) throws Exception {
    SharedWithOwner s = SharedWithOwner.of("memory-wrap", mode);
    for (String store : new String[] {"i32.store8", "i64.store8"}) {
      Trap t = trap(() -> s.guest(store, WRAPS));
      assertTrue(t.reason().startsWith("out of bounds memory access"), t.reason());
    }
    Trap t = trap(() -> s.guest("i64.store32", 0x20));
    assertTrue(t.reason().startsWith("out of bounds memory access"), t.reason());
    assertEquals('o', s.ownerByte(16), "the owner's memory at the wrapped address");

    s.guest("i32.store8", 16); // in bounds: address 48
    assertEquals('X', s.ownerByte(48));
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void tableFillPastTwoToThe31TrapsInsteadOfDoingNothing(EngineMode mode) throws Exception {
    SharedWithOwner s = SharedWithOwner.of("table-bounds", mode);
    for (long[] args : new long[][] {{0x7fffffffL, 1}, {2, 0x7ffffffeL}, {0xffffffffL, 1}}) {
      assertEquals("out of bounds table access", trap(() -> s.guest("fill", args)).reason());
    }
    assertEquals(1, s.ownerCalls(0));
    assertThrows(Trap.class, () -> s.ownerCalls(1)); // still empty

    s.guest("fill", 1, 3);
    assertEquals(3, s.ownerCalls(3));
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void tableInitPastTwoToThe31TrapsInsteadOfThrowingOrDoingNothing(EngineMode mode)
      throws Exception {
    SharedWithOwner s = SharedWithOwner.of("table-bounds", mode);
    long[][] outOfBounds = {{0, 0x7fffffffL, 1}, {0, 0xffffffffL, 1}, {0x7fffffffL, 0, 1}};
    for (long[] args : outOfBounds) {
      assertEquals("out of bounds table access", trap(() -> s.guest("init", args)).reason());
    }
    assertEquals(1, s.ownerCalls(0));

    assertArrayEquals(new long[0], s.guest("init", 2, 0, 2));
    assertEquals(3, s.ownerCalls(2));
    assertEquals(4, s.ownerCalls(3));
  }

  @Test
  void compiledFunctionsThatFillOrInitATableAreLeftToTheInterpreter() throws Exception {
    CoreModule bounds = SharedWithOwner.parse(SharedWithOwner.fixture("table-bounds"), COMPILER);
    assertEquals(List.of("func 2", "func 3"), bounds.interpretedFunctions());
    assertEquals(2, bounds.interpretedFunctionCount());
    CoreModule stores = SharedWithOwner.parse(SharedWithOwner.fixture("memory-wrap"), COMPILER);
    assertEquals(List.of(), stores.interpretedFunctions(), "compiled stores check their address");
    assertEquals(0, stores.interpretedFunctionCount());
  }
}
