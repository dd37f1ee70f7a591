package dev.wasihttp.component.internal.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.wasm.types.OpCode;
import dev.wasihttp.component.Component;
import dev.wasihttp.component.EngineOptions;
import dev.wasihttp.component.errors.ComponentException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A core module compiled to JVM bytecode: compiled once, its instances run it, and a function too
 * large for a JVM method is left to the interpreter (listed and counted) or, without the fallback,
 * fails.
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
    return huge(false);
  }

  /**
   * {@link #huge()}, where {@code withFill} adds a table of one entry and a second function, {@code
   * (func (param i32 i32) (table.fill 0 (local.get 0) (ref.null func) (local.get 1)))}.
   */
  static byte[] huge(boolean withFill) {
    byte[] body = hugeBody();
    ByteArrayOutputStream code = new ByteArrayOutputStream();
    code.write(withFill ? 2 : 1);
    leb(code, body.length);
    code.writeBytes(body);
    if (withFill) {
      code.writeBytes(
          new byte[] {11, 0, 0x20, 0, (byte) 0xd0, 0x70, 0x20, 1, (byte) 0xfc, 17, 0, 0x0b});
    }
    ByteArrayOutputStream section = new ByteArrayOutputStream();
    section.write(10);
    leb(section, code.size());
    section.writeBytes(code.toByteArray());
    if (!withFill) {
      return ModuleBytes.module(
          ModuleBytes.section(1, 1, 0x60, 0, 1, 0x7f),
          ModuleBytes.section(3, 1, 0),
          ModuleBytes.section(7, 1, 1, 'f', 0, 0),
          section.toByteArray());
    }
    return ModuleBytes.module(
        ModuleBytes.section(1, 2, 0x60, 0, 1, 0x7f, 0x60, 2, 0x7f, 0x7f, 0),
        ModuleBytes.section(3, 2, 0, 1),
        ModuleBytes.section(4, 1, 0x70, 0, 1),
        ModuleBytes.section(7, 1, 1, 'f', 0, 0),
        section.toByteArray());
  }

  /** The body of {@link #huge()}'s function. */
  private static byte[] hugeBody() {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(0); // no locals
    for (int i = 0; i < 30_000; i++) {
      body.writeBytes(new byte[] {0x41, (byte) 0xe8, 0x07, 0x1a});
    }
    body.writeBytes(new byte[] {0x41, 7, 0x0b});
    return body.toByteArray();
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
    CoreModule compiled = parsed.compiled(false, 0, null, null);
    assertFalse(parsed.isCompiled());
    assertTrue(compiled.isCompiled());
    assertEquals(List.of(), compiled.interpretedFunctions());
    assertEquals(
        1, parsed.interpretedFunctionCount(), "not compiled: its one function interpreted");
    assertEquals(0, compiled.interpretedFunctionCount());
    assertArrayEquals(new long[] {7}, callF(compiled));
    assertArrayEquals(new long[] {7}, callF(compiled));
    assertEquals(parsed.exports(), compiled.exports());
  }

  @Test
  void aFunctionTooLargeToCompileIsLeftToTheInterpreter() throws Exception {
    CoreModule compiled = CoreModule.parse(huge(), 0).compiled(true, 0, null, null);
    assertEquals(List.of("func 0"), compiled.interpretedFunctions());
    assertEquals(1, compiled.interpretedFunctionCount());
    assertArrayEquals(new long[] {7}, callF(compiled));
  }

  @Test
  void aFunctionUsingTableFillIsLeftToTheInterpreterBesideOneTooLargeToCompile() throws Exception {
    CoreModule compiled = CoreModule.parse(huge(true), 0).compiled(true, 0, null, null);
    assertEquals(List.of("func 0", "func 1"), compiled.interpretedFunctions());
    assertEquals(2, compiled.interpretedFunctionCount());
    assertArrayEquals(new long[] {7}, callF(compiled));
  }

  @Test
  void withoutTheFallbackAFunctionTooLargeToCompileFailsTheModule() throws Exception {
    CoreModule parsed = CoreModule.parse(huge(), 0);
    ComponentException e =
        assertThrows(ComponentException.class, () -> parsed.compiled(false, 12, null, null));
    assertEquals(ComponentException.Kind.UNINSTANTIABLE, e.kind());
    assertEquals(12, e.offset());
    assertTrue(e.getMessage().contains("WASM function index: 0"), e.getMessage());
    ComponentException withFill =
        assertThrows(
            ComponentException.class,
            () -> CoreModule.parse(huge(true), 0).compiled(false, 12, null, null));
    assertTrue(withFill.getMessage().contains("WASM function index: 0"), withFill.getMessage());
  }

  static final String KEY = CompileCache.key(new byte[32], 0, true);

  @Test
  void aCompiledModuleIsKeptInTheCacheAndLoadedFromIt(@TempDir Path dir) throws Exception {
    CompileCache cache = CompileCache.open(dir.resolve("cache"));
    CoreModule parsed = CoreModule.parse(SMALL, 0);
    assertNull(CompiledCode.load(parsed.prepared().module, cache, KEY), "nothing kept yet");

    CoreModule compiled = parsed.compiled(true, 0, cache, new byte[32]);
    assertArrayEquals(new long[] {7}, callF(compiled));

    CoreModule again = CoreModule.parse(SMALL, 0);
    CompiledCode loaded = CompiledCode.load(again.prepared().module, cache, KEY);
    assertNotNull(loaded, "the classes come from the cache");
    assertArrayEquals(new long[] {7}, callF(again.compiled(true, 0, cache, new byte[32])));
  }

  @Test
  void aCacheEntryThatCannotBeReadIsCompiledAgain(@TempDir Path dir) throws Exception {
    CompileCache cache = CompileCache.open(dir);
    cache.putIfAbsent(KEY, new byte[] {1, 2, 3});
    CoreModule parsed = CoreModule.parse(SMALL, 0);
    assertNull(CompiledCode.load(parsed.prepared().module, cache, KEY));
    assertArrayEquals(new long[] {7}, callF(parsed.compiled(true, 0, cache, new byte[32])));
    assertNotNull(CompiledCode.load(CoreModule.parse(SMALL, 0).prepared().module, cache, KEY));
  }

  /**
   * {@link #huge()} with a second function, {@code (func (export "g") (result i32) (i32.const 5))}:
   * one function left to the interpreter, one compiled.
   */
  static byte[] hugeAndSmall() {
    byte[] huge = hugeBody();
    ByteArrayOutputStream bodies = new ByteArrayOutputStream();
    bodies.write(2);
    leb(bodies, huge.length);
    bodies.writeBytes(huge);
    bodies.writeBytes(new byte[] {4, 0, 0x41, 5, 0x0b});
    ByteArrayOutputStream section = new ByteArrayOutputStream();
    section.write(10);
    leb(section, bodies.size());
    section.writeBytes(bodies.toByteArray());
    return ModuleBytes.module(
        ModuleBytes.section(1, 1, 0x60, 0, 1, 0x7f),
        ModuleBytes.section(3, 2, 0, 0),
        ModuleBytes.section(7, 2, 1, 'f', 0, 0, 1, 'g', 0, 1),
        section.toByteArray());
  }

  @Test
  void aModuleWithItsClassesInTheCacheParsesOnlyTheBodiesTheInterpreterRuns(@TempDir Path dir)
      throws Exception {
    CompileCache cache = CompileCache.open(dir);
    CoreModule first = CoreModule.parse(hugeAndSmall(), 0).compiled(true, 0, cache, new byte[32]);
    assertEquals(List.of("func 0"), first.interpretedFunctions());

    CoreModule parsed = CoreModule.parse(hugeAndSmall(), 0, cache, KEY);
    assertEquals(
        60_002,
        parsed.module.codeSection().getFunctionBody(0).instructions().size(),
        "the interpreter's function, whole");
    assertEquals(
        List.of(OpCode.UNREACHABLE, OpCode.END),
        opcodes(parsed, 1),
        "the compiled function's body is never run");

    CoreModule again = parsed.compiled(true, 0, cache, new byte[32]);
    assertEquals(List.of("func 0"), again.interpretedFunctions());
    assertEquals(2, again.functionCount());
    assertEquals(1, again.interpretedFunctionCount(), "one interpreted, one compiled");
    CoreInstance instance = Engine.instantiate(again, imp -> null);
    assertArrayEquals(
        new long[] {7}, ((CoreExtern.Func) instance.export("f")).function().call(new long[0]));
    assertArrayEquals(
        new long[] {5}, ((CoreExtern.Func) instance.export("g")).function().call(new long[0]));
  }

  @Test
  void withoutItsClassesInTheCacheAModuleIsParsedAndValidatedWhole(@TempDir Path dir)
      throws Exception {
    CompileCache cache = CompileCache.open(dir);
    CoreModule parsed = CoreModule.parse(hugeAndSmall(), 0, cache, KEY);
    assertEquals(List.of(OpCode.I32_CONST, OpCode.END), opcodes(parsed, 1));
    assertFalse(parsed.isCompiled());

    cache.putIfAbsent(KEY, new byte[] {1, 2, 3}); // not an entry: removed, compiled again
    assertEquals(
        List.of(OpCode.I32_CONST, OpCode.END),
        opcodes(CoreModule.parse(hugeAndSmall(), 0, cache, KEY), 1));
    assertNull(cache.get(KEY));
  }

  /** {@code module} as the one core module of a component that does nothing else. */
  static byte[] componentOf(byte[] module) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00});
    out.write(1); // a core module section
    leb(out, module.length);
    out.writeBytes(module);
    return out.toByteArray();
  }

  @Test
  void aComponentCountsTheFunctionsLeftToTheInterpreter() throws Exception {
    Component huge = Component.decode(componentOf(huge()), EngineOptions.COMPILER);
    assertEquals(1, huge.coreFunctionCount());
    assertEquals(1, huge.interpretedFunctionCount(), "too large to compile");

    Component both = Component.decode(componentOf(hugeAndSmall()), EngineOptions.COMPILER);
    assertEquals(2, both.coreFunctionCount());
    assertEquals(1, both.interpretedFunctionCount(), "the small one is compiled");

    Component interpreted = Component.decode(componentOf(hugeAndSmall()));
    assertEquals(2, interpreted.interpretedFunctionCount(), "the interpreter runs both");
  }

  private static List<OpCode> opcodes(CoreModule module, int body) {
    return module.module.codeSection().getFunctionBody(body).instructions().stream()
        .map(i -> i.opcode())
        .toList();
  }

  @Test
  void theCacheDirectoryIsItsOwnersAlone(@TempDir Path dir) throws Exception {
    Path made = CompileCache.open(dir.resolve("a/b")).directory();
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(made)));

    Path shared = Files.createDirectory(dir.resolve("shared"));
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
    IOException e = assertThrows(IOException.class, () -> CompileCache.open(shared));
    assertTrue(e.getMessage().contains("is writable by others"), e.getMessage());
  }

  @Test
  void keysDependOnTheComponentTheModuleAndTheOption() {
    assertNotEquals(KEY, CompileCache.key(new byte[32], 8, true));
    assertNotEquals(KEY, CompileCache.key(new byte[32], 0, false));
    byte[] other = new byte[32];
    other[0] = 1;
    assertNotEquals(KEY, CompileCache.key(other, 0, true));
  }
}
