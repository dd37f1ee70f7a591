package dev.wasihttp.http.client.jetty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.http.client.OutboundPolicy;
import dev.wasihttp.http.proxy.WasiHttpConfig;
import java.time.Duration;
import org.eclipse.jetty.client.HttpClient;
import org.junit.jupiter.api.Test;

/** The outgoing options: the handler's policy, the Jetty handler's client and timeouts. */
class OutgoingConfigTest {
  /** The Jetty options a config holds. */
  static JettyOutgoingHandler.Options jetty(WasiHttpConfig c) {
    return (JettyOutgoingHandler.Options) c.outgoingHandler();
  }

  @Test
  void defaultsDenyEverythingWithWasmtimeTimeouts() {
    WasiHttpConfig c = WasiHttpConfig.defaults();
    assertTrue(c.outboundPolicy().isDenyAll());
    assertNull(jetty(c).httpClient());
    assertEquals(Duration.ofSeconds(600), jetty(c).connectTimeout());
    assertEquals(Duration.ofSeconds(600), jetty(c).firstByteTimeout());
    assertEquals(Duration.ofSeconds(600), jetty(c).betweenBytesTimeout());
  }

  @Test
  void optionsSurviveToBuilder() {
    HttpClient client = new HttpClient();
    OutboundPolicy p = OutboundPolicy.parse("https://*.example.com");
    WasiHttpConfig c =
        WasiHttpConfig.builder()
            .outboundPolicy(p)
            .outgoingHandler(
                JettyOutgoingHandler.options()
                    .httpClient(client)
                    .connectTimeout(Duration.ofSeconds(1))
                    .firstByteTimeout(Duration.ofSeconds(2))
                    .betweenBytesTimeout(Duration.ofSeconds(3))
                    .build()
                    .toBuilder()
                    .build())
            .build()
            .toBuilder()
            .build();
    assertSame(p, c.outboundPolicy());
    assertSame(client, jetty(c).httpClient());
    assertEquals(Duration.ofSeconds(1), jetty(c).connectTimeout());
    assertEquals(Duration.ofSeconds(2), jetty(c).firstByteTimeout());
    assertEquals(Duration.ofSeconds(3), jetty(c).betweenBytesTimeout());
    assertThrows(
        IllegalArgumentException.class,
        () -> JettyOutgoingHandler.options().connectTimeout(Duration.ZERO));
  }
}
