package dev.wasihttp.http.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.component.Component;
import dev.wasihttp.component.EngineMode;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link WasiHttpHandler#metrics()}: every request counted once, by how it ended. */
class HandlerMetricsTest {
  private static final Path ENDINGS = Path.of("src/test/resources/components/http-endings.wasm");

  @Test
  void eachRequestCountsInExactlyOneOutcome() throws Exception {
    try (WasiHttpHandler handler =
        WasiHttpHandler.create(
            Component.load(ENDINGS),
            WasiHttpConfig.builder().componentName("endings").log(new Samples.Lines()).build())) {
      handler.handle(new MemoryExchange("POST", "/")); // 200, body finished
      handler.handle(new MemoryExchange("POST", "/"));
      handler.handle(new MemoryExchange("GET", "/")); // no response: 500
      handler.handle(new MemoryExchange("PUT", "/")); // trap after the response started
      handler.handle(new MemoryExchange("DELETE", "/")); // body left unfinished: aborted

      HandlerMetrics.Snapshot m = handler.metrics();
      assertEquals(2, m.requests2xx());
      assertEquals(0, m.requests3xx());
      assertEquals(0, m.requests4xx());
      assertEquals(1, m.requests5xx());
      assertEquals(1, m.traps());
      assertEquals(0, m.timeouts());
      assertEquals(0, m.rejected());
      assertEquals(1, m.aborted());
      assertEquals(5, m.requests());
      assertEquals(0, m.instancesInUse());
      assertEquals(1, m.instancesPooled(), "the trapped instance was dropped, one kept");
      assertTrue(m.guestNanos() > 0 && m.instantiateNanos() > 0, m::toString);
    }
  }

  @Test
  void aRequestPastItsDeadlineCountsAsATimeout() throws Exception {
    try (WasiHttpHandler handler =
        WasiHttpHandler.create(
            Samples.load(Samples.HELLO_C, EngineMode.COMPILER),
            WasiHttpConfig.builder()
                .componentName("slow")
                .log(new Samples.Lines())
                .timeout(Duration.ofMillis(200))
                .build())) {
      PipedOutputStream client = new PipedOutputStream();
      MemoryExchange x = new MemoryExchange("POST", "/echo");
      x.body(new PipedInputStream(client));
      client.write("partial".getBytes());
      handler.handle(x); // the rest of the body never comes
      client.close();
      handler.handle(new MemoryExchange("GET", "/next"));

      HandlerMetrics.Snapshot m = handler.metrics();
      assertEquals(1, m.timeouts());
      assertEquals(1, m.requests2xx());
      assertEquals(2, m.requests());
      assertEquals(0, m.instancesInUse());
    }
  }
}
