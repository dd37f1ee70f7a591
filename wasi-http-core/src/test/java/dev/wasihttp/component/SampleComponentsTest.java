package dev.wasihttp.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.component.errors.ComponentException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The three real sample components (freestanding C, wasi-libc through the preview1 adapter,
 * componentize-js) decode, print their world, refuse to link against a host that lacks their
 * imports, and link and instantiate against one that defines every import (functions the host does
 * not implement trap with "not provided" when called).
 */
class SampleComponentsTest {
  private static final Path SAMPLES = Path.of("..", "samples", "components");

  @ParameterizedTest
  @CsvSource({
    "hello-c/hello-c.wasm, 3, wasi:http/incoming-handler@0.2.0",
    "hello-libc/hello-libc.wasm, 16, wasi:http/incoming-handler@0.2.0",
    "hello-js/hello-js.wasm, 18, wasi:http/incoming-handler@0.2.10",
  })
  void decodesPrintsItsWorldAndLinks(String file, int imports, String export) throws Exception {
    Component c = Component.load(SAMPLES.resolve(file));

    String wit = c.wit();
    List<String> importLines = wit.lines().filter(l -> l.startsWith("  import ")).toList();
    assertEquals(imports, importLines.size(), wit);
    assertTrue(wit.contains("  export " + export + ";\n"), wit);
    assertTrue(
        wit.contains("handle: func(request: incoming-request, response-out: response-outparam);"),
        wit);

    ComponentException e =
        assertThrows(ComponentException.class, () -> new Linker<Object>().instantiatePre(c));
    assertEquals(ComponentException.Kind.UNLINKABLE, e.kind());

    ComponentInstance<Object> instance =
        new Linker<Object>().trapUnknownImports(true).instantiatePre(c).instantiate();
    Func handle = instance.func(export, "handle");
    assertNotNull(handle);
    assertEquals(
        "func(request: incoming-request, response-out: response-outparam)", handle.type().wit());
  }
}
