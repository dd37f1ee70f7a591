package dev.wasihttp.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.component.Component;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The wasi-libc sample (preview1 adapter: cli, environment, stdout, filesystem imports) through
 * {@link WasiHttpHandler}: guest stdout lands in the log sink, environment variables reach it.
 */
class HelloLibcHandlerTest {
  static final Samples.Lines LOG = new Samples.Lines();
  static Component component;
  static WasiHttpHandler handler;

  @BeforeAll
  static void link() throws Exception {
    component = Samples.load(Samples.HELLO_LIBC);
    handler =
        WasiHttpHandler.create(
            component, WasiHttpConfig.builder().componentName("hello-libc").log(LOG).build());
  }

  @AfterAll
  static void close() {
    handler.close();
  }

  @Test
  void helloAndGuestStdoutInTheLog() {
    MemoryExchange x = new MemoryExchange("GET", "/p?q");
    handler.handle(x);
    assertEquals(List.of("respond 200", "finish"), x.calls);
    assertEquals("hello from C (wasi-libc): GET /p?q\n", x.bodyText());
    assertTrue(
        LOG.snapshot().contains("INFO [hello-libc] handled GET /p?q"), LOG.snapshot()::toString);
  }

  @Test
  void environmentFromTheWasiConfig() throws Exception {
    Samples.Lines log = new Samples.Lines();
    WasiHttpConfig config =
        WasiHttpConfig.builder()
            .log(log)
            .wasi(WasiHttpConfig.wasiBuilder("greeter", log).env("GREETING", "howdy").build())
            .build();
    try (WasiHttpHandler greeter = WasiHttpHandler.create(component, config)) {
      MemoryExchange x = new MemoryExchange("PUT", "/x");
      greeter.handle(x);
      assertEquals("howdy from C (wasi-libc): PUT /x\n", x.bodyText());
      assertTrue(
          log.snapshot().contains("INFO [greeter] handled PUT /x"), log.snapshot()::toString);
    }
  }

  @Test
  void echoStreamsWhileTheRequestArrives() throws Exception {
    byte[] body = Samples.randomBytes(2 * 1024 * 1024);
    MemoryExchange x = new MemoryExchange("POST", "/echo");
    boolean[] early = new boolean[1];
    Thread client = Samples.duplexClient(x, body, 256 * 1024, early);
    handler.handle(x);
    client.join(10_000);
    assertTrue(early[0], "response bytes flowed before the request body was complete");
    assertEquals(List.of("respond 200", "finish"), x.calls);
    assertArrayEquals(body, x.body.toByteArray());
  }

  @Test
  void trapThenTheNextRequestSucceeds() {
    MemoryExchange x = new MemoryExchange("GET", "/trap");
    handler.handle(x);
    assertEquals(List.of("fail 500"), x.calls);
    MemoryExchange next = new MemoryExchange("DELETE", "/next");
    handler.handle(next);
    assertEquals("hello from C (wasi-libc): DELETE /next\n", next.bodyText());
  }
}
