package dev.wasihttp.http.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasihttp.component.Component;
import dev.wasihttp.component.EngineOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A component loaded again from its compile cache, as a restart does: its modules come back with
 * their compiled classes and only the function bodies the interpreter runs, and the component
 * answers exactly as it did when it was compiled.
 */
class CompileCacheRestartTest {
  @TempDir Path cache;

  @ParameterizedTest
  @ValueSource(strings = {"hello-c", "hello-libc"})
  void aRestartFromTheCacheAnswersAsTheFirstStartDid(String sample) throws Exception {
    Path file = Path.of("../samples/components/" + sample + "/" + sample + ".wasm");
    EngineOptions engine =
        EngineOptions.COMPILER.withCompileCache(cache).withInterpreterFallback(false);

    List<MemoryExchange> first = requests(Component.load(file, engine));
    long entries;
    try (Stream<Path> kept = Files.list(cache)) {
      entries = kept.count();
    }
    List<MemoryExchange> restart = requests(Component.load(file, engine));

    try (Stream<Path> kept = Files.list(cache)) {
      assertEquals(entries, kept.count(), "nothing compiled again");
    }
    for (int i = 0; i < first.size(); i++) {
      assertEquals(first.get(i).calls, restart.get(i).calls);
      assertEquals(first.get(i).headers, restart.get(i).headers);
      assertArrayEquals(first.get(i).body.toByteArray(), restart.get(i).body.toByteArray());
    }
    assertEquals(List.of("respond 200", "finish"), restart.get(0).calls);
    assertArrayEquals(Samples.randomBytes(70_000), restart.get(1).body.toByteArray());
  }

  /** A greeting and a 70,000-byte echo through a handler of {@code component}. */
  private static List<MemoryExchange> requests(Component component) throws Exception {
    try (WasiHttpHandler handler =
        WasiHttpHandler.create(component, WasiHttpConfig.builder().build())) {
      MemoryExchange hello = new MemoryExchange("GET", "/hello");
      handler.handle(hello);
      MemoryExchange echo = new MemoryExchange("POST", "/echo").body(Samples.randomBytes(70_000));
      handler.handle(echo);
      return List.of(hello, echo);
    }
  }
}
