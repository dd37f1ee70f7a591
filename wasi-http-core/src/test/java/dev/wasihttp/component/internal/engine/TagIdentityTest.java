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
import dev.wasihttp.component.EngineMode;
import dev.wasihttp.component.EngineOptions;
import dev.wasihttp.component.Linker;
import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.component.values.Val;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code tag-identity.wat}: a catch matches the tag it names, not every tag of the same type, even
 * when two instances of one module define the tags and the catch names an imported one.
 */
class TagIdentityTest {
  static final Map<EngineMode, Component> COMPONENTS = new EnumMap<>(EngineMode.class);

  @BeforeAll
  static void load() throws Exception {
    for (EngineMode mode : List.of(EngineMode.INTERPRETER, EngineMode.COMPILER)) {
      COMPONENTS.put(
          mode,
          Component.load(
              Path.of("src/test/resources/components/tag-identity.wasm"),
              EngineOptions.of(mode).withInterpreterFallback(false)));
    }
  }

  static Val run(ComponentInstance<Object> instance, String name, long x) throws Exception {
    return instance.func(name).call(new Val.U32(x));
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void catchesAThrowOfTheImportedTag(EngineMode mode) throws Exception {
    ComponentInstance<Object> i =
        new Linker<Object>().instantiatePre(COMPONENTS.get(mode)).instantiate();
    assertEquals(new Val.U32(42), run(i, "run-a", 42));
    assertEquals(new Val.U32(43), run(i, "run-a-again", 43));
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void doesNotCatchAThrowOfAnotherTagOfTheSameType(EngineMode mode) throws Exception {
    ComponentInstance<Object> i =
        new Linker<Object>().instantiatePre(COMPONENTS.get(mode)).instantiate();
    assertEquals(new Val.U32(77), run(i, "run-b", 42));
    assertEquals(new Val.U32(77), run(i, "run-b-again", 42));
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void catchesATagItDefines(EngineMode mode) throws Exception {
    ComponentInstance<Object> i =
        new Linker<Object>().instantiatePre(COMPONENTS.get(mode)).instantiate();
    assertEquals(new Val.U32(7), run(i, "run-own", 7));
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void eachComponentInstanceHasItsOwnTags(EngineMode mode) throws Exception {
    var pre = new Linker<Object>().instantiatePre(COMPONENTS.get(mode));
    ComponentInstance<Object> first = pre.instantiate();
    ComponentInstance<Object> second = pre.instantiate();
    assertEquals(new Val.U32(1), run(first, "run-a", 1));
    assertEquals(new Val.U32(77), run(second, "run-b", 2));
    assertEquals(new Val.U32(3), run(second, "run-a-again", 3));
    assertEquals(new Val.U32(77), run(first, "run-b-again", 4));
  }

  /** {@code bytes} parsed, and compiled in {@link EngineMode#COMPILER}. */
  static CoreModule parse(byte[] bytes, EngineMode mode) throws ComponentException {
    CoreModule m = CoreModule.parse(bytes, 0);
    return switch (mode) {
      case INTERPRETER -> m;
      case COMPILER, AUTO -> m.compiled(false, 0, null, null);
    };
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

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void importsAreCheckedAgainstTheDeclaredTypeAndKeepTheirIdentity(EngineMode mode)
      throws Exception {
    CoreInstance defining = Engine.instantiate(parse(DEFINES_TAG, mode), imp -> null);
    CoreExtern.Tag tag = (CoreExtern.Tag) defining.export("t");
    FunctionType identity = tag.tag.type();
    assertEquals(List.of(ValType.I32), identity.params());
    assertFalse(identity.returns().isEmpty());

    Engine.instantiate(parse(importsTagTwice(0x7f), mode), imp -> tag);
    assertSame(identity, tag.tag.type());

    ComponentException e =
        assertThrows(
            ComponentException.class,
            () -> Engine.instantiate(parse(importsTagTwice(0x7e), mode), imp -> tag));
    assertEquals(ComponentException.Kind.UNLINKABLE, e.kind());
    assertSame(identity, tag.tag.type());
  }
}
