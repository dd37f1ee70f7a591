package dev.wasihttp.http.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.component.Component;
import dev.wasihttp.component.EngineMode;
import dev.wasihttp.http.HttpField;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The wasi-libc sample (preview1 adapter: cli, environment, stdout, filesystem imports) through
 * {@link WasiHttpHandler}: guest stdout lands in the log sink, environment variables reach it.
 */
class HelloLibcHandlerTest {
  static final Samples.Lines LOG = new Samples.Lines();
  static final Map<EngineMode, WasiHttpHandler> HANDLERS = new EnumMap<>(EngineMode.class);

  @BeforeAll
  static void link() throws Exception {
    for (EngineMode mode : List.of(EngineMode.INTERPRETER, EngineMode.COMPILER)) {
      HANDLERS.put(
          mode,
          WasiHttpHandler.create(
              component(mode),
              WasiHttpConfig.builder().componentName("hello-libc").log(LOG).build()));
    }
  }

  static Component component(EngineMode mode) throws Exception {
    return Samples.load(Samples.HELLO_LIBC, mode);
  }

  @AfterAll
  static void close() {
    HANDLERS.values().forEach(WasiHttpHandler::close);
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void helloAndGuestStdoutInTheLog(EngineMode mode) {
    MemoryExchange x = new MemoryExchange("GET", "/p?q");
    HANDLERS.get(mode).handle(x);
    assertEquals(List.of("respond 200", "finish"), x.calls);
    assertEquals(
        List.of(
            HttpField.latin1("content-type", "text/plain"), HttpField.latin1("x-wasm-lang", "c")),
        x.headers);
    assertEquals("hello from C (wasi-libc): GET /p?q\n", x.bodyText());
    assertTrue(
        LOG.snapshot().contains("INFO [hello-libc] handled GET /p?q"), LOG.snapshot()::toString);
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void theHandlerTellsWhatRunsOnTheInterpreter(EngineMode mode) {
    Component component = HANDLERS.get(mode).component();
    assertEquals(142, component.coreFunctionCount());
    assertEquals(
        mode == EngineMode.INTERPRETER ? 142 : 0, component.interpretedFunctionCount(), mode::name);
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void environmentFromTheWasiConfig(EngineMode mode) throws Exception {
    Samples.Lines log = new Samples.Lines();
    WasiHttpConfig config =
        WasiHttpConfig.builder()
            .log(log)
            .wasi(WasiHttpConfig.wasiBuilder("greeter", log).env("GREETING", "howdy").build())
            .build();
    try (WasiHttpHandler greeter = WasiHttpHandler.create(component(mode), config)) {
      MemoryExchange x = new MemoryExchange("PUT", "/x");
      greeter.handle(x);
      assertEquals("howdy from C (wasi-libc): PUT /x\n", x.bodyText());
      assertTrue(
          log.snapshot().contains("INFO [greeter] handled PUT /x"), log.snapshot()::toString);
      MemoryExchange other = new MemoryExchange("PROPFIND", "/dav?x=1");
      greeter.handle(other);
      assertEquals("howdy from C (wasi-libc): PROPFIND /dav?x=1\n", other.bodyText());
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void aMountedDirectoryIsPreopenedForTheAdapter(EngineMode mode, @TempDir Path dir)
      throws Exception {
    Samples.Lines log = new Samples.Lines();
    WasiHttpConfig config =
        WasiHttpConfig.builder()
            .log(log)
            .wasi(
                WasiHttpConfig.wasiBuilder(WasiHttpConfig.DEFAULT_COMPONENT_NAME, log)
                    .directory(dir, "/data")
                    .build())
            .build();
    try (WasiHttpHandler mounted = WasiHttpHandler.create(component(mode), config)) {
      MemoryExchange x = new MemoryExchange("GET", "/");
      mounted.handle(x);
      assertEquals("hello from C (wasi-libc): GET /\n", x.bodyText());
      assertEquals(List.of("INFO [component] handled GET /"), log.snapshot());
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void echoStreamsWhileTheRequestArrives(EngineMode mode) throws Exception {
    byte[] body = Samples.randomBytes(2 * 1024 * 1024);
    MemoryExchange x = new MemoryExchange("POST", "/echo");
    boolean[] early = new boolean[1];
    Thread client = Samples.duplexClient(x, body, 256 * 1024, early);
    HANDLERS.get(mode).handle(x);
    client.join(10_000);
    assertTrue(early[0], "response bytes flowed before the request body was complete");
    assertEquals(List.of("respond 200", "finish"), x.calls);
    assertArrayEquals(body, x.body.toByteArray());
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void trapThenTheNextRequestSucceeds(EngineMode mode) throws Exception {
    Samples.Lines log = new Samples.Lines();
    try (WasiHttpHandler trapping =
        WasiHttpHandler.create(
            component(mode), WasiHttpConfig.builder().componentName("trapping").log(log).build())) {
      MemoryExchange x = new MemoryExchange("GET", "/trap");
      trapping.handle(x);
      assertEquals(List.of("fail 500"), x.calls);
      MemoryExchange next = new MemoryExchange("DELETE", "/next");
      trapping.handle(next);
      assertEquals("hello from C (wasi-libc): DELETE /next\n", next.bodyText());
      // The trapped guest wrote nothing to its stdout (INFO): the only line it caused is the 500.
      List<String> lines = log.snapshot();
      assertEquals(2, lines.size(), lines::toString);
      assertTrue(
          lines.get(0).startsWith("WARN [trapping] answered 500: the guest trapped"),
          lines::toString);
      assertEquals("INFO [trapping] handled DELETE /next", lines.get(1));
    }
  }
}
