package dev.wasihttp.component.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.OpCode;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Bodies left out of a module whose compiled classes are at hand. */
class FunctionBodiesTest {
  /**
   * {@code (module (import "m" "f" (func)) (func (result i32) (i32.const 1)) (func (result i32)
   * (i32.const 2)))}: functions 1 and 2, after the import.
   */
  static final byte[] MODULE =
      ModuleBytes.module(
          ModuleBytes.section(1, 2, 0x60, 0, 0, 0x60, 0, 1, 0x7f),
          ModuleBytes.section(2, 1, 1, 'm', 1, 'f', 0, 0),
          ModuleBytes.section(3, 2, 1, 1),
          ModuleBytes.section(10, 2, 4, 0, 0x41, 1, 0x0b, 4, 0, 0x41, 2, 0x0b));

  @Test
  void keepsTheBodiesNamedCountingImportsAndLeavesUnreachableInTheOthers() {
    WasmModule m = Parser.parse(FunctionBodies.keepOnly(MODULE, Set.of(2)));
    assertEquals(List.of(OpCode.UNREACHABLE, OpCode.END), opcodes(m, 0));
    assertEquals(List.of(OpCode.I32_CONST, OpCode.END), opcodes(m, 1));
    assertEquals(2L, m.codeSection().getFunctionBody(1).instructions().get(0).operand(0));
  }

  @Test
  void bytesItDoesNotUnderstandAreLeftForTheParserToJudge() {
    byte[] truncated = Arrays.copyOf(MODULE, MODULE.length - 3);
    assertSame(truncated, FunctionBodies.keepOnly(truncated, Set.of()));
    byte[] noCode = Arrays.copyOf(MODULE, 8);
    assertSame(noCode, FunctionBodies.keepOnly(noCode, Set.of()));
    byte[] hugeSize = MODULE.clone();
    hugeSize[8 + 1] = (byte) 0xff; // the type section's size: past the end
    assertSame(hugeSize, FunctionBodies.keepOnly(hugeSize, Set.of()));
  }

  private static List<OpCode> opcodes(WasmModule m, int body) {
    return m.codeSection().getFunctionBody(body).instructions().stream()
        .map(i -> i.opcode())
        .toList();
  }
}
