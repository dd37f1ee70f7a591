package dev.wasihttp.component.internal.engine;

import static dev.wasihttp.component.internal.engine.ModuleBytes.module;
import static dev.wasihttp.component.internal.engine.ModuleBytes.section;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import dev.wasihttp.component.Component;
import dev.wasihttp.component.ComponentInstance;
import dev.wasihttp.component.Linker;
import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.component.values.Val;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code tag-identity.wat}: a catch matches the tag it names, not every tag of the same type, even
 * when two instances of one module define the tags and the catch names an imported one.
 */
class TagIdentityTest {
  static Component component;

  @BeforeAll
  static void load() throws Exception {
    component = Component.load(Path.of("src/test/resources/components/tag-identity.wasm"));
  }

  static Val run(ComponentInstance<Object> instance, String name, long x) throws Exception {
    return instance.func(name).call(new Val.U32(x));
  }

  @Test
  void catchesAThrowOfTheImportedTag() throws Exception {
    ComponentInstance<Object> i = new Linker<Object>().instantiatePre(component).instantiate();
    assertEquals(new Val.U32(42), run(i, "run-a", 42));
    assertEquals(new Val.U32(43), run(i, "run-a-again", 43));
  }

  @Test
  void doesNotCatchAThrowOfAnotherTagOfTheSameType() throws Exception {
    ComponentInstance<Object> i = new Linker<Object>().instantiatePre(component).instantiate();
    assertEquals(new Val.U32(77), run(i, "run-b", 42));
    assertEquals(new Val.U32(77), run(i, "run-b-again", 42));
  }

  @Test
  void catchesATagItDefines() throws Exception {
    ComponentInstance<Object> i = new Linker<Object>().instantiatePre(component).instantiate();
    assertEquals(new Val.U32(7), run(i, "run-own", 7));
  }

  @Test
  void eachComponentInstanceHasItsOwnTags() throws Exception {
    var pre = new Linker<Object>().instantiatePre(component);
    ComponentInstance<Object> first = pre.instantiate();
    ComponentInstance<Object> second = pre.instantiate();
    assertEquals(new Val.U32(1), run(first, "run-a", 1));
    assertEquals(new Val.U32(77), run(second, "run-b", 2));
    assertEquals(new Val.U32(3), run(second, "run-a-again", 3));
    assertEquals(new Val.U32(77), run(first, "run-b-again", 4));
  }

  // (module (tag (export "t") (param i32)))
  static final byte[] DEFINES_TAG =
      module(section(1, 1, 0x60, 1, 0x7f, 0), section(13, 1, 0, 0), section(7, 1, 1, 't', 4, 0));

  // (module (import "m" "t" (tag (param T))) (import "m" "u" (tag (param T))))
  static byte[] importsTagTwice(int valType) {
    return module(
        section(1, 1, 0x60, 1, valType, 0),
        section(2, 2, 1, 'm', 1, 't', 4, 0, 0, 1, 'm', 1, 'u', 4, 0, 0));
  }

  @Test
  void importsAreCheckedAgainstTheDeclaredTypeAndKeepTheirIdentity() throws Exception {
    CoreInstance defining = Engine.instantiate(CoreModule.parse(DEFINES_TAG, 0), imp -> null);
    CoreExtern.Tag tag = (CoreExtern.Tag) defining.export("t");
    FunctionType identity = tag.tag.type();
    assertEquals(List.of(ValType.I32), identity.params());
    assertFalse(identity.returns().isEmpty());

    Engine.instantiate(CoreModule.parse(importsTagTwice(0x7f), 0), imp -> tag);
    assertSame(identity, tag.tag.type());

    ComponentException e =
        assertThrows(
            ComponentException.class,
            () -> Engine.instantiate(CoreModule.parse(importsTagTwice(0x7e), 0), imp -> tag));
    assertEquals(ComponentException.Kind.UNLINKABLE, e.kind());
    assertSame(identity, tag.tag.type());
  }
}
