package dev.wasihttp.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link EngineMode#AUTO}: the C samples' modules are compiled when the component loads, while the
 * JavaScript sample's main module, megabytes of code, is left to the interpreter (no compiled
 * classes are at hand for it here), listed as such and counted function by function.
 */
class AutoEngineModeTest {
  static final Path SAMPLES = Path.of("../samples/components");

  @Test
  void smallModulesAreCompiled() throws Exception {
    Component c =
        Component.load(
            SAMPLES.resolve("hello-libc/hello-libc.wasm"),
            EngineOptions.of(EngineMode.AUTO).withInterpreterFallback(false));
    assertEquals(List.of(), c.interpretedFunctions());
    assertEquals(0, c.interpretedFunctionCount());
  }

  @Test
  void aModuleTooLargeToCompileAtLoadRunsInterpretedAndIsListed() throws Exception {
    Component c =
        Component.load(
            SAMPLES.resolve("hello-js/hello-js.wasm"), EngineOptions.of(EngineMode.AUTO));
    List<String> interpreted = c.interpretedFunctions();
    assertEquals(1, interpreted.size(), interpreted::toString);
    assertTrue(interpreted.get(0).contains("too large to compile at load"), interpreted::toString);
    // The main module's 12,706 functions, of the 12,806 its four core modules define.
    assertEquals(12_806, c.coreFunctionCount());
    assertEquals(12_706, c.interpretedFunctionCount());
  }

  @Test
  void parsingTakesTheThreeNames() {
    assertEquals(EngineMode.AUTO, EngineMode.parse(" Auto "));
    assertEquals(EngineMode.COMPILER, EngineMode.parse("compiler"));
    assertEquals(EngineMode.INTERPRETER, EngineMode.parse("INTERPRETER"));
  }
}
