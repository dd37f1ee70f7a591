package dev.wasihttp.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link WasiConfig}: deny-by-default defaults, the builder, validation. */
class WasiConfigTest {
  @TempDir Path tmp;

  @Test
  void defaultsGrantNothing() {
    WasiConfig c = WasiConfig.defaults();
    assertEquals(WasiConfig.DEFAULT_COMPONENT_NAME, c.componentName());
    assertEquals(Map.of(), c.environment());
    assertEquals(List.of(), c.arguments());
    assertTrue(c.initialCwd().isEmpty());
    assertTrue(c.directory().isEmpty());
    assertEquals(WasiConfig.DEFAULT_MAX_RESOURCES, c.maxResources());
    assertEquals(WasiConfig.DEFAULT_MAX_RANDOM_BYTES, c.maxRandomBytes());
    assertTrue(c.insecureSeed().isEmpty());
  }

  @Test
  void theDirectoryIsStoredAsItsRealPathAtTheGuestPath() throws Exception {
    Path dir = Files.createDirectory(tmp.resolve("d"));
    Path link = Files.createSymbolicLink(tmp.resolve("link"), dir);
    WasiConfig c = WasiConfig.builder().directory(link).build();
    assertEquals(dir.toRealPath(), c.directory().orElseThrow());
    assertEquals(WasiConfig.DEFAULT_GUEST_PATH, c.guestPath());
    assertThrows(
        IllegalArgumentException.class,
        () -> WasiConfig.builder().directory(tmp.resolve("missing")));
  }

  @Test
  void environmentKeepsItsOrderAndIsImmutable() {
    WasiConfig c = WasiConfig.builder().env("Z", "1").env(Map.of("A", "2")).build();
    assertEquals(List.of("Z", "A"), List.copyOf(c.environment().keySet()));
    assertThrows(UnsupportedOperationException.class, () -> c.environment().put("B", "3"));
  }

  @Test
  void capsMustBeSensible() {
    assertThrows(IllegalArgumentException.class, () -> WasiConfig.builder().maxResources(0));
    assertThrows(IllegalArgumentException.class, () -> WasiConfig.builder().maxRandomBytes(-1));
  }
}
