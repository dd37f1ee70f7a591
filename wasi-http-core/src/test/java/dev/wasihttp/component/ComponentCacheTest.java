package dev.wasihttp.component;

import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Equal bytes decode to one shared component. */
class ComponentCacheTest {
  static final Path HELLO_C = Path.of("../samples/components/hello-c/hello-c.wasm");

  @Test
  void oneDecodedComponentServesEqualBytes() throws Exception {
    byte[] bytes = Files.readAllBytes(HELLO_C);
    Component first = ComponentCache.decode(bytes);
    assertSame(first, ComponentCache.decode(bytes.clone()));
  }
}
