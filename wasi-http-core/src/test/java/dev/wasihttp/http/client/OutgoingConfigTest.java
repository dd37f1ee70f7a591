package dev.wasihttp.http.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.http.proxy.WasiHttpConfig;
import java.time.Duration;
import org.eclipse.jetty.client.HttpClient;
import org.junit.jupiter.api.Test;

class OutgoingConfigTest {
  @Test
  void defaultsDenyEverythingWithWasmtimeTimeouts() {
    WasiHttpConfig c = WasiHttpConfig.defaults();
    assertTrue(c.outboundPolicy().isDenyAll());
    assertNull(c.httpClient());
    assertEquals(Duration.ofSeconds(600), c.connectTimeout());
    assertEquals(Duration.ofSeconds(600), c.firstByteTimeout());
    assertEquals(Duration.ofSeconds(600), c.betweenBytesTimeout());
  }

  @Test
  void optionsSurviveToBuilder() {
    HttpClient client = new HttpClient();
    OutboundPolicy p = OutboundPolicy.parse("https://*.example.com");
    WasiHttpConfig c =
        WasiHttpConfig.builder()
            .outboundPolicy(p)
            .httpClient(client)
            .connectTimeout(Duration.ofSeconds(1))
            .firstByteTimeout(Duration.ofSeconds(2))
            .betweenBytesTimeout(Duration.ofSeconds(3))
            .build()
            .toBuilder()
            .build();
    assertSame(p, c.outboundPolicy());
    assertSame(client, c.httpClient());
    assertEquals(Duration.ofSeconds(1), c.connectTimeout());
    assertEquals(Duration.ofSeconds(2), c.firstByteTimeout());
    assertEquals(Duration.ofSeconds(3), c.betweenBytesTimeout());
    assertThrows(
        IllegalArgumentException.class,
        () -> WasiHttpConfig.builder().connectTimeout(Duration.ZERO));
  }
}
