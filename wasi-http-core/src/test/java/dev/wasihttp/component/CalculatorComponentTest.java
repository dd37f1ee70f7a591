package dev.wasihttp.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.component.errors.HostFault;
import dev.wasihttp.component.errors.Trap;
import dev.wasihttp.component.types.ResourceType;
import dev.wasihttp.component.values.Val;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Links and calls {@code calculator.wat}: scalars, strings through memory and realloc, records,
 * lists, variants, a guest resource with a destructor, and a host import.
 */
class CalculatorComponentTest {
  static final Map<EngineMode, Component> COMPONENTS = new EnumMap<>(EngineMode.class);
  final List<String> logged = new ArrayList<>();

  @BeforeAll
  static void load() throws Exception {
    for (EngineMode mode : List.of(EngineMode.INTERPRETER, EngineMode.COMPILER)) {
      COMPONENTS.put(
          mode,
          Component.load(
              Path.of("src/test/resources/components/calculator.wasm"),
              EngineOptions.of(mode).withInterpreterFallback(false)));
    }
  }

  ComponentInstance<Object> instantiate(EngineMode mode) throws ComponentException {
    Linker<Object> linker = new Linker<>();
    linker.func(
        "host:demo/log@0.1.0",
        "log",
        (caller, args) -> {
          logged.add(((Val.Str) args.get(0)).value());
          return null;
        });
    return linker.instantiatePre(COMPONENTS.get(mode)).instantiate();
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void scalars(EngineMode mode) throws Exception {
    ComponentInstance<Object> i = instantiate(mode);
    assertEquals(new Val.U32(3), i.func("add").call(new Val.U32(1), new Val.U32(2)));
    assertEquals(new Val.U32(0), i.func("add").call(new Val.U32(0xffff_ffffL), new Val.U32(1)));
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void stringsCrossBothWays(EngineMode mode) throws Exception {
    ComponentInstance<Object> i = instantiate(mode);
    assertEquals(new Val.Str("hi wörld"), i.func("greet").call(new Val.Str("wörld")));
    assertEquals(List.of("wörld"), logged);
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void recordsListsVariants(EngineMode mode) throws Exception {
    ComponentInstance<Object> i = instantiate(mode);
    Val p =
        new Val.RecordValue(
            List.of(
                new Val.RecordValue.Field("x", new Val.U32(1)),
                new Val.RecordValue.Field("y", new Val.U32(2))));
    Val swapped =
        new Val.RecordValue(
            List.of(
                new Val.RecordValue.Field("x", new Val.U32(2)),
                new Val.RecordValue.Field("y", new Val.U32(1))));
    assertEquals(swapped, i.func("swap").call(p));
    assertEquals(
        new Val.U64(6),
        i.func("sum")
            .call(new Val.ListValue(List.of(new Val.U32(1), new Val.U32(2), new Val.U32(3)))));
    assertEquals(new Val.Variant("zero", null), i.func("classify").call(new Val.U32(0)));
    assertEquals(new Val.Variant("small", new Val.U8(7)), i.func("classify").call(new Val.U32(7)));
    assertEquals(
        new Val.Variant("big", new Val.U32(70000)), i.func("classify").call(new Val.U32(70000)));
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void guestResources(EngineMode mode) throws Exception {
    ComponentInstance<Object> i = instantiate(mode);
    Val.Own counter = (Val.Own) i.func("counter-new").call(new Val.U32(41));
    assertEquals(41, counter.rep());
    ResourceType t = counter.type();
    assertEquals(new Val.U32(41), i.func("counter-get").call(new Val.Borrow(t, counter.rep())));
    assertEquals(new Val.U32(0), i.func("drops").call());
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void trapPoisonsTheInstance(EngineMode mode) throws Exception {
    ComponentInstance<Object> i = instantiate(mode);
    Trap t = assertThrows(Trap.class, () -> i.func("fail").call());
    assertTrue(t.reason().contains("unreachable"), t.reason());
    Trap again = assertThrows(Trap.class, () -> i.func("add").call(new Val.U32(1), new Val.U32(2)));
    assertEquals("cannot enter component instance", again.reason());
    // A fresh instance is unaffected.
    assertEquals(
        new Val.U32(3), instantiate(mode).func("add").call(new Val.U32(1), new Val.U32(2)));
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void missingHostImportIsUnlinkable(EngineMode mode) {
    ComponentException e =
        assertThrows(
            ComponentException.class,
            () -> new Linker<Object>().instantiatePre(COMPONENTS.get(mode)));
    assertEquals(ComponentException.Kind.UNLINKABLE, e.kind());
    assertTrue(e.getMessage().contains("host:demo/log@0.1.0"), e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void unknownImportsCanTrapInstead(EngineMode mode) throws Exception {
    ComponentInstance<Object> i =
        new Linker<Object>()
            .trapUnknownImports(true)
            .instantiatePre(COMPONENTS.get(mode))
            .instantiate();
    Trap t = assertThrows(Trap.class, () -> i.func("greet").call(new Val.Str("x")));
    assertEquals("not provided: host:demo/log@0.1.0#log", t.reason());
    assertNull(i.func("nope"));
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void aHostFunctionThatFailsTrapsTheCallOnly(EngineMode mode) throws Exception {
    Linker<Object> linker = new Linker<>();
    linker.func(
        "host:demo/log@0.1.0",
        "log",
        (caller, args) -> {
          throw new IllegalStateException("log sink is gone");
        });
    ComponentInstance<Object> i = linker.instantiatePre(COMPONENTS.get(mode)).instantiate();
    HostFault t = assertThrows(HostFault.class, () -> i.func("greet").call(new Val.Str("x")));
    assertEquals("host failure: java.lang.IllegalStateException: log sink is gone", t.reason());
    assertTrue(t.getCause() instanceof IllegalStateException);
    assertThrows(Trap.class, () -> i.func("add").call(new Val.U32(1), new Val.U32(2)), "poisoned");
  }
}
