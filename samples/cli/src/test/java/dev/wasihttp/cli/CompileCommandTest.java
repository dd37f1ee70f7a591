package dev.wasihttp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.component.internal.engine.CompileCache;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code compile}: a jar of compiled modules that the runtime finds on the class path. */
class CompileCommandTest {
  @Test
  void writesEveryCompiledModuleWhereTheRuntimeLooksOnTheClassPath(@TempDir Path dir)
      throws Exception {
    Path jar = dir.resolve("hello-c-compiled.jar");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.run(
            new String[] {"compile", "../components/hello-c/hello-c.wasm", jar.toString()},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(Main.OK, status, err.toString(StandardCharsets.UTF_8));
    assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("compiled 3 core modules of"));

    List<String> keys = new ArrayList<>();
    try (JarFile f = new JarFile(jar.toFile())) {
      for (JarEntry e : Collections.list(f.entries())) {
        assertTrue(
            e.getName().matches("META-INF/wasi-http/compiled/[0-9a-f]{64}\\.classes"), e.getName());
        keys.add(e.getName().substring(e.getName().lastIndexOf('/') + 1, e.getName().length() - 8));
      }
    }
    assertEquals(3, keys.size());

    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    try (URLClassLoader withJar = new URLClassLoader(new URL[] {jar.toUri().toURL()}, before)) {
      thread.setContextClassLoader(withJar);
      for (String key : keys) {
        assertNotNull(CompileCache.classPathOnly().get(key), key);
      }
    } finally {
      thread.setContextClassLoader(before);
    }
  }
}
