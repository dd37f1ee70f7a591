package dev.wasihttp.http.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.component.Component;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The handler's ending rules over {@code http-endings.wat}, a guest whose request method picks an
 * ending: return without set, {@code set(err)}, a response whose body was never asked for, a trap
 * after the response started, a return with the body unfinished.
 */
class HandlerEndingsTest {
  static final Samples.Lines LOG = new Samples.Lines();
  static WasiHttpHandler handler;

  @BeforeAll
  static void link() throws Exception {
    handler =
        WasiHttpHandler.create(
            Component.load(Path.of("src/test/resources/components/http-endings.wasm")),
            WasiHttpConfig.builder().componentName("endings").log(LOG).build());
  }

  @AfterAll
  static void close() {
    handler.close();
  }

  static MemoryExchange run(String method) {
    MemoryExchange x = new MemoryExchange(method, "/");
    handler.handle(x);
    return x;
  }

  @Test
  void returningWithoutSetAnswers500AndSaysSo() {
    MemoryExchange x = run("GET");
    assertEquals(List.of("fail 500"), x.calls);
    assertEquals("the guest returned without calling response-outparam.set", x.failReason);
    assertTrue(
        LOG.contains("WARN [endings] answered 500: the guest returned without calling"),
        LOG.snapshot()::toString);
  }

  @Test
  void setErrAnswersTheErrorCodesStatus() {
    MemoryExchange x = run("CONNECT");
    assertEquals(List.of("fail 500"), x.calls);
    assertTrue(x.failReason.contains("internal-error"), x.failReason);
  }

  @Test
  void aResponseWhoseBodyWasNeverTakenEndsCleanAndEmpty() {
    MemoryExchange x = run("POST");
    assertEquals(List.of("respond 200", "finish"), x.calls);
    assertEquals(0, x.body.size());
  }

  @Test
  void aTrapAfterTheResponseStartedAbortsIt() {
    MemoryExchange x = run("PUT");
    assertEquals(List.of("respond 200", "abort"), x.calls);
    assertTrue(x.abortReason.contains("error after the response started"), x.abortReason);
    assertTrue(x.abortReason.contains("unreachable"), x.abortReason);
  }

  @Test
  void returningWithTheBodyUnfinishedAbortsIt() {
    MemoryExchange x = run("DELETE");
    assertEquals(List.of("respond 200", "abort"), x.calls);
    assertEquals("the guest returned without finishing the outgoing-body", x.abortReason);
  }
}
