package dev.wasihttp.component;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How many of a component's core functions run on the interpreter, as an operator reads it: all of
 * them in interpreter mode, none of the C sample's once compiled. {@code hello-c} defines 17 core
 * functions: 3 in its main module, 14 in the WASI adapter, none in the shim module that links them.
 */
class InterpretedFunctionCountTest {
  static final Path HELLO_C = Path.of("../samples/components/hello-c/hello-c.wasm");

  @Test
  void theInterpreterRunsEveryCoreFunction() throws Exception {
    Component c = Component.load(HELLO_C, EngineOptions.INTERPRETER);
    assertEquals(17, c.coreFunctionCount());
    assertEquals(17, c.interpretedFunctionCount());
    assertEquals(List.of(), c.interpretedFunctions(), "nothing was left by a compiler");
  }

  @Test
  void compiledNoneIsLeftToTheInterpreter() throws Exception {
    Component c =
        Component.load(
            HELLO_C, EngineOptions.of(EngineMode.COMPILER).withInterpreterFallback(false));
    assertEquals(17, c.coreFunctionCount());
    assertEquals(0, c.interpretedFunctionCount());
  }
}
