package dev.wasihttp.component.internal.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.component.errors.ComponentException;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A core module compiled to JVM bytecode: compiled once, its instances run it, and a function too
 * large for a JVM method is left to the interpreter (listed) or, without the fallback, fails.
 */
class CompiledCodeTest {
  // (module (func (export "f") (result i32) (i32.const 7)))
  static final byte[] SMALL =
      ModuleBytes.module(
          ModuleBytes.section(1, 1, 0x60, 0, 1, 0x7f),
          ModuleBytes.section(3, 1, 0),
          ModuleBytes.section(7, 1, 1, 'f', 0, 0),
          ModuleBytes.section(10, 1, 4, 0, 0x41, 7, 0x0b));

  /**
   * {@code (module (func (export "f") (result i32) (i32.const 1000) (drop) ... (i32.const 7)))}
   * with 30,000 const/drop pairs: about 120 KB of JVM bytecode, over the 64 KB a method may hold.
   */
  static byte[] huge() {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(0); // no locals
    for (int i = 0; i < 30_000; i++) {
      body.writeBytes(new byte[] {0x41, (byte) 0xe8, 0x07, 0x1a});
    }
    body.writeBytes(new byte[] {0x41, 7, 0x0b});
    ByteArrayOutputStream code = new ByteArrayOutputStream();
    code.write(1);
    leb(code, body.size());
    code.writeBytes(body.toByteArray());
    ByteArrayOutputStream section = new ByteArrayOutputStream();
    section.write(10);
    leb(section, code.size());
    section.writeBytes(code.toByteArray());
    return ModuleBytes.module(
        ModuleBytes.section(1, 1, 0x60, 0, 1, 0x7f),
        ModuleBytes.section(3, 1, 0),
        ModuleBytes.section(7, 1, 1, 'f', 0, 0),
        section.toByteArray());
  }

  private static void leb(ByteArrayOutputStream out, int value) {
    do {
      int b = value & 0x7f;
      value >>>= 7;
      out.write(value == 0 ? b : b | 0x80);
    } while (value != 0);
  }

  static long[] callF(CoreModule module) throws ComponentException {
    CoreInstance instance = Engine.instantiate(module, imp -> null);
    return ((CoreExtern.Func) instance.export("f")).function().call(new long[0]);
  }

  @Test
  void aCompiledModuleRunsCompiledInEveryInstance() throws Exception {
    CoreModule parsed = CoreModule.parse(SMALL, 0);
    CoreModule compiled = parsed.compiled(false, 0);
    assertFalse(parsed.isCompiled());
    assertTrue(compiled.isCompiled());
    assertEquals(List.of(), compiled.interpretedFunctions());
    assertArrayEquals(new long[] {7}, callF(compiled));
    assertArrayEquals(new long[] {7}, callF(compiled));
    assertEquals(parsed.exports(), compiled.exports());
  }

  @Test
  void aFunctionTooLargeToCompileIsLeftToTheInterpreter() throws Exception {
    CoreModule compiled = CoreModule.parse(huge(), 0).compiled(true, 0);
    assertEquals(List.of("func 0"), compiled.interpretedFunctions());
    assertArrayEquals(new long[] {7}, callF(compiled));
  }

  @Test
  void withoutTheFallbackAFunctionTooLargeToCompileFailsTheModule() throws Exception {
    CoreModule parsed = CoreModule.parse(huge(), 0);
    ComponentException e = assertThrows(ComponentException.class, () -> parsed.compiled(false, 12));
    assertEquals(ComponentException.Kind.UNINSTANTIABLE, e.kind());
    assertEquals(12, e.offset());
    assertTrue(e.getMessage().contains("WASM function index: 0"), e.getMessage());
  }
}
