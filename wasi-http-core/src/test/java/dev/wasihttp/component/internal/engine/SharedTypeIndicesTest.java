package dev.wasihttp.component.internal.engine;

import static dev.wasihttp.component.internal.engine.ModuleBytes.module;
import static dev.wasihttp.component.internal.engine.ModuleBytes.section;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.dylibso.chicory.wasm.types.OpCode;
import dev.wasihttp.component.Component;
import dev.wasihttp.component.ComponentInstance;
import dev.wasihttp.component.EngineMode;
import dev.wasihttp.component.EngineOptions;
import dev.wasihttp.component.Linker;
import dev.wasihttp.component.errors.Trap;
import dev.wasihttp.component.values.Val;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code indirect-calls.wat}: a {@code call_indirect} through a table shared by two core instances
 * whose modules number their types differently is checked against the caller's type; and the
 * modules that share tables or tags get the same types at the same indices ({@code
 * tag-identity.wat} throws a tag whose type index differs between its two modules).
 */
class SharedTypeIndicesTest {
  static final Map<EngineMode, Component> COMPONENTS = new EnumMap<>(EngineMode.class);

  @BeforeAll
  static void load() throws Exception {
    for (EngineMode mode : List.of(EngineMode.INTERPRETER, EngineMode.COMPILER)) {
      COMPONENTS.put(
          mode,
          Component.load(
              Path.of("src/test/resources/components/indirect-calls.wasm"),
              EngineOptions.of(mode).withInterpreterFallback(false)));
    }
  }

  static ComponentInstance<Object> instantiate(EngineMode mode) throws Exception {
    return new Linker<Object>().instantiatePre(COMPONENTS.get(mode)).instantiate();
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void callsAFunctionOfAnotherInstanceWithTheCallersType(EngineMode mode) throws Exception {
    assertEquals(
        new Val.U32(42), instantiate(mode).func("call").call(new Val.U32(21), new Val.U32(0)));
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void trapsWhenTheCallersTypeDiffers(EngineMode mode) throws Exception {
    // the callee's type index 1 is $double's type, but the caller's index 1 is f32 -> f32
    Trap t =
        assertThrows(
            Trap.class,
            () -> instantiate(mode).func("call-f32").call(new Val.F32(3f), new Val.U32(0)));
    assertEquals("indirect call type mismatch", t.reason());
    Trap wrongSlot =
        assertThrows(
            Trap.class, () -> instantiate(mode).func("call").call(new Val.U32(1), new Val.U32(1)));
    assertEquals("indirect call type mismatch", wrongSlot.reason());
    assertEquals(
        new Val.F32(1.5f),
        instantiate(mode).func("call-f32").call(new Val.F32(3f), new Val.U32(1)));
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void callsWithinTheDefiningInstanceStillWork(EngineMode mode) throws Exception {
    for (String name : List.of("own", "own-tail")) {
      assertEquals(
          new Val.U32(42), instantiate(mode).func(name).call(new Val.U32(21), new Val.U32(0)));
      // a trap poisons the instance: each trap gets a fresh one
      Trap t =
          assertThrows(
              Trap.class, () -> instantiate(mode).func(name).call(new Val.U32(21), new Val.U32(1)));
      assertEquals("indirect call type mismatch", t.reason());
    }
  }

  // (module (type (func (param i64))) (type $t (func (param i32))) (table (export "t") 1 funcref)
  //   (func (type $t) (call_indirect (type $t) (local.get 0) (i32.const 0))))
  static final byte[] EXPORTS_TABLE =
      module(
          section(1, 2, 0x60, 1, 0x7e, 0, 0x60, 1, 0x7f, 0),
          section(3, 1, 1),
          section(4, 1, 0x70, 0, 1),
          section(7, 1, 1, 't', 1, 0),
          section(10, 1, 9, 0, 0x20, 0, 0x41, 0, 0x11, 1, 0, 0x0b));

  // (module (import "a" "t" (table 1 funcref)) (func (result f32) (f32.const 1)))
  static final byte[] IMPORTS_TABLE =
      module(
          section(1, 1, 0x60, 0, 1, 0x7d),
          section(2, 1, 1, 'a', 1, 't', 1, 0x70, 0, 1),
          section(3, 1, 0),
          section(10, 1, 7, 0, 0x43, 0, 0, 0x80, 0x3f, 0x0b));

  // (module (type $t (func (param i32))) (table 1 funcref)
  //   (func (type $t) (call_indirect (type $t) (local.get 0) (i32.const 0))))
  static final byte[] OWN_TABLE =
      module(
          section(1, 1, 0x60, 1, 0x7f, 0),
          section(3, 1, 0),
          section(4, 1, 0x70, 0, 1),
          section(10, 1, 9, 0, 0x20, 0, 0x41, 0, 0x11, 0, 0, 0x0b));

  @Test
  void rewritesNothingUnlessTwoModulesMayShareATable() throws Exception {
    CoreModule exports = CoreModule.parse(EXPORTS_TABLE, 0);
    CoreModule own = CoreModule.parse(OWN_TABLE, 0);
    for (List<CoreModule> modules :
        List.of(List.of(exports), List.of(exports, own), List.of(own, own))) {
      assertSame(modules, SharedTypeIndices.share(modules));
    }
  }

  @Test
  void givesTheModulesThatShareTablesTheSameTypesAtTheSameIndices() throws Exception {
    CoreModule a = CoreModule.parse(EXPORTS_TABLE, 0);
    CoreModule b = CoreModule.parse(IMPORTS_TABLE, 0);
    CoreModule own = CoreModule.parse(OWN_TABLE, 0);
    List<CoreModule> shared = SharedTypeIndices.share(List.of(a, own, b));
    assertSame(own, shared.get(1));
    // K = 2 (a's type count): the one shared type, (param i32), is index 2 in a and b; b is padded
    var ta = shared.get(0).module.typeSection();
    var tb = shared.get(2).module.typeSection();
    assertEquals(3, ta.subTypeCount());
    assertEquals(3, tb.subTypeCount());
    assertEquals(ta.getType(1), ta.getType(2));
    assertEquals(ta.getType(2), tb.getType(2));
    assertEquals(b.module.typeSection().getType(0), tb.getType(0));
    var instructions = shared.get(0).module.codeSection().getFunctionBody(0).instructions();
    assertEquals(OpCode.CALL_INDIRECT, instructions.get(2).opcode());
    assertEquals(2, instructions.get(2).operand(0));
    // the function's own type index stays, and so do imports and exports
    assertEquals(1, shared.get(0).module.functionSection().getFunctionType(0));
    assertEquals(a.exports(), shared.get(0).exports());
    assertEquals(b.imports(), shared.get(2).imports());
  }

  // (module (type (func (param i64 i64))) (type $t (func (param i32))) (tag (export "t") (type
  // $t)))
  static final byte[] DEFINES_TAG =
      module(
          section(1, 2, 0x60, 2, 0x7e, 0x7e, 0, 0x60, 1, 0x7f, 0),
          section(13, 1, 0, 1),
          section(7, 1, 1, 't', 4, 0));

  // (module (import "m" "t" (tag (param i32))))
  static final byte[] IMPORTS_TAG =
      module(section(1, 1, 0x60, 1, 0x7f, 0), section(2, 1, 1, 'm', 1, 't', 4, 0, 0));

  @Test
  void givesATagTheSameTypeIndexInTheModulesThatDefineAndImportIt() throws Exception {
    CoreModule definer = CoreModule.parse(DEFINES_TAG, 0);
    CoreModule importer = CoreModule.parse(IMPORTS_TAG, 0);
    List<CoreModule> shared = SharedTypeIndices.share(List.of(definer, importer));
    var tag = shared.get(0).module.tagSection().orElseThrow().getTag(0);
    // K = 2: the tag's type, (param i32), is index 2 in both modules
    assertEquals(2, tag.typeIdx());
    assertEquals(
        definer.module.typeSection().getType(1), shared.get(0).module.typeSection().getType(2));
    assertEquals(
        importer.module.typeSection().getType(0), shared.get(1).module.typeSection().getType(2));
  }
}
