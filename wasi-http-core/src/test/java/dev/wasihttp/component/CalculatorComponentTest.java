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
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Links and calls {@code calculator.wat}: scalars, strings through memory and realloc, records,
 * lists, variants, a guest resource with a destructor, and a host import.
 */
class CalculatorComponentTest {
  static Component component;
  final List<String> logged = new ArrayList<>();

  @BeforeAll
  static void load() throws Exception {
    component = Component.load(Path.of("src/test/resources/components/calculator.wasm"));
  }

  ComponentInstance<Object> instantiate() throws ComponentException {
    Linker<Object> linker = new Linker<>();
    linker.func(
        "host:demo/log@0.1.0",
        "log",
        (caller, args) -> {
          logged.add(((Val.Str) args.get(0)).value());
          return null;
        });
    return linker.instantiatePre(component).instantiate();
  }

  @Test
  void scalars() throws Exception {
    ComponentInstance<Object> i = instantiate();
    assertEquals(new Val.U32(3), i.func("add").call(new Val.U32(1), new Val.U32(2)));
    assertEquals(new Val.U32(0), i.func("add").call(new Val.U32(0xffff_ffffL), new Val.U32(1)));
  }

  @Test
  void stringsCrossBothWays() throws Exception {
    ComponentInstance<Object> i = instantiate();
    assertEquals(new Val.Str("hi wörld"), i.func("greet").call(new Val.Str("wörld")));
    assertEquals(List.of("wörld"), logged);
  }

  @Test
  void recordsListsVariants() throws Exception {
    ComponentInstance<Object> i = instantiate();
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

  @Test
  void guestResources() throws Exception {
    ComponentInstance<Object> i = instantiate();
    Val.Own counter = (Val.Own) i.func("counter-new").call(new Val.U32(41));
    assertEquals(41, counter.rep());
    ResourceType t = counter.type();
    assertEquals(new Val.U32(41), i.func("counter-get").call(new Val.Borrow(t, counter.rep())));
    assertEquals(new Val.U32(0), i.func("drops").call());
  }

  @Test
  void trapPoisonsTheInstance() throws Exception {
    ComponentInstance<Object> i = instantiate();
    Trap t = assertThrows(Trap.class, () -> i.func("fail").call());
    assertTrue(t.reason().contains("unreachable"), t.reason());
    Trap again = assertThrows(Trap.class, () -> i.func("add").call(new Val.U32(1), new Val.U32(2)));
    assertEquals("cannot enter component instance", again.reason());
    // A fresh instance is unaffected.
    assertEquals(new Val.U32(3), instantiate().func("add").call(new Val.U32(1), new Val.U32(2)));
  }

  @Test
  void missingHostImportIsUnlinkable() {
    ComponentException e =
        assertThrows(
            ComponentException.class, () -> new Linker<Object>().instantiatePre(component));
    assertEquals(ComponentException.Kind.UNLINKABLE, e.kind());
    assertTrue(e.getMessage().contains("host:demo/log@0.1.0"), e.getMessage());
  }

  @Test
  void unknownImportsCanTrapInstead() throws Exception {
    ComponentInstance<Object> i =
        new Linker<Object>().trapUnknownImports(true).instantiatePre(component).instantiate();
    Trap t = assertThrows(Trap.class, () -> i.func("greet").call(new Val.Str("x")));
    assertEquals("not provided: host:demo/log@0.1.0#log", t.reason());
    assertNull(i.func("nope"));
  }

  @Test
  void aHostFunctionThatFailsTrapsTheCallOnly() throws Exception {
    Linker<Object> linker = new Linker<>();
    linker.func(
        "host:demo/log@0.1.0",
        "log",
        (caller, args) -> {
          throw new IllegalStateException("log sink is gone");
        });
    ComponentInstance<Object> i = linker.instantiatePre(component).instantiate();
    HostFault t = assertThrows(HostFault.class, () -> i.func("greet").call(new Val.Str("x")));
    assertEquals("host failure: java.lang.IllegalStateException: log sink is gone", t.reason());
    assertTrue(t.getCause() instanceof IllegalStateException);
    assertThrows(Trap.class, () -> i.func("add").call(new Val.U32(1), new Val.U32(2)), "poisoned");
  }
}
