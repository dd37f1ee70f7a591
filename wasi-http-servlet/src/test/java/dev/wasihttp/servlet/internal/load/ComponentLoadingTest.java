package dev.wasihttp.servlet.internal.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.ServletContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where components (and trust stores) are read from. */
public class ComponentLoadingTest {
  /** A web application holding only {@code content} at {@code path}. */
  public static ServletContext webApp(String path, byte[] content) {
    return (ServletContext)
        Proxy.newProxyInstance(
            ComponentLoadingTest.class.getClassLoader(),
            new Class<?>[] {ServletContext.class},
            (proxy, method, args) ->
                method.getName().equals("getResourceAsStream") && args[0].equals(path)
                    ? new ByteArrayInputStream(content)
                    : null);
  }

  @Test
  void locationsInTheWebAppOnTheClassPathAndOnDisk(@TempDir Path dir) throws Exception {
    byte[] bytes = {1, 2, 3};
    Path file = dir.resolve("c.wasm");
    Files.write(file, bytes);
    assertArrayEquals(
        bytes, ComponentLoading.read("/WEB-INF/c.wasm", webApp("/WEB-INF/c.wasm", bytes)));
    assertArrayEquals(bytes, ComponentLoading.read(file.toString(), null));
    assertArrayEquals(bytes, ComponentLoading.read(file.toUri().toString(), null));
    String resource = "dev/wasihttp/servlet/internal/load/ComponentLoadingTest.class";
    assertTrue(ComponentLoading.read("classpath:" + resource, null).length > 0);
    assertTrue(ComponentLoading.read("classpath:/" + resource, null).length > 0);
    assertThrows(
        IOException.class, () -> ComponentLoading.read("/WEB-INF/none.wasm", webApp("/x", bytes)));
    assertThrows(IOException.class, () -> ComponentLoading.read("classpath:none.wasm", null));
  }
}
