package dev.wasihttp.http.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasihttp.component.Component;
import dev.wasihttp.http.HttpField;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Trailers through a real guest, {@code http-trailers.wat}: it reads the request body to its end,
 * waits for the request trailers, declares {@code trailer: x-checksum} and ends its response with
 * {@code x-checksum} set to the request trailer {@code x-request-trailer} (else {@code none}).
 */
class GuestTrailersTest {
  static final Samples.Lines LOG = new Samples.Lines();
  static WasiHttpHandler handler;

  @BeforeAll
  static void link() throws Exception {
    handler =
        WasiHttpHandler.create(
            Component.load(Path.of("src/test/resources/components/http-trailers.wasm")),
            WasiHttpConfig.builder().componentName("trailers").log(LOG).build());
  }

  @AfterAll
  static void close() {
    handler.close();
  }

  @Test
  void requestTrailersReachTheGuestAndItsTrailersReachTheExchange() {
    MemoryExchange x = new MemoryExchange("POST", "/sum");
    x.body(new byte[100_000]);
    x.requestTrailers =
        List.of(HttpField.latin1("x-request-trailer", "c0ffee"), HttpField.latin1("x-other", "1"));
    handler.handle(x);
    assertEquals(List.of("respond 200", "finish"), x.calls, LOG.snapshot()::toString);
    assertEquals("x-checksum", x.header("trailer"));
    assertEquals("trailers echoed\n", x.bodyText());
    assertEquals(List.of(HttpField.latin1("x-checksum", "c0ffee")), x.trailers);
  }

  @Test
  void withoutRequestTrailersTheGuestSaysNone() {
    MemoryExchange x = new MemoryExchange("POST", "/sum");
    x.body("abc".getBytes(StandardCharsets.UTF_8));
    handler.handle(x);
    assertEquals(List.of("respond 200", "finish"), x.calls, LOG.snapshot()::toString);
    assertEquals(List.of(HttpField.latin1("x-checksum", "none")), x.trailers);
  }
}
