package dev.wasihttp.component.internal.engine;

import static dev.wasihttp.component.internal.engine.SharedWithOwner.trap;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasihttp.component.EngineMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code table-copy.wat}: a {@code table.copy} over a table whose entries are functions of two
 * instances copies each entry whole, function and instance, so no copy reaches a function its
 * instance never put in a table.
 */
class ResettableTableTest {
  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void aCopiedEntryKeepsItsInstance(EngineMode mode) throws Exception {
    SharedWithOwner s = SharedWithOwner.of("table-copy", mode);
    s.guest("copy", 0, 2, 1); // towards lower indices
    assertEquals(2, s.ownerCalls(0), "the guest's $mine, not the owner's $secret");
    s.guest("copy", 3, 2, 1); // towards higher indices, onto an empty slot
    assertEquals(2, s.ownerCalls(3));
    assertEquals(2, s.guest("call", 3)[0]);
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void aCopyFromAShorterTableKeepsItsInstance(EngineMode mode) throws Exception {
    SharedWithOwner s = SharedWithOwner.of("table-copy", mode);
    s.guest("copy-own", 3, 0, 1);
    assertEquals(2, s.ownerCalls(3));
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void aCopyPastTwoToThe31TrapsAndCopiesNothing(EngineMode mode) throws Exception {
    SharedWithOwner s = SharedWithOwner.of("table-copy", mode);
    for (long[] args : new long[][] {{0, 0x7fffffffL, 1}, {0x7fffffffL, 0, 1}}) {
      assertEquals("out of bounds table access", trap(() -> s.guest("copy", args)).reason());
    }
    assertEquals(1, s.ownerCalls(0));
    assertEquals(2, s.ownerCalls(2));
  }
}
