package dev.wasihttp.it.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sample on each Boot and container: proxy-c reaches the loopback upstream it is allowed, and
 * only that one, on the Jetty client the Boot manages (Boot 3.5: 12.0, Boot 4.0: 12.1).
 */
class SampleApplicationTest extends SampleScenarios {
  @DynamicPropertySource
  static void allowTheUpstream(DynamicPropertyRegistry registry) {
    registry.add("wasi-http.components.proxy.allow-outbound", SampleScenarios::upstream);
  }

  @Test
  void proxyReachesTheUpstreamItIsAllowed() throws Exception {
    HttpResponse<String> response = get("/proxy/some/where?q=1");
    assertEquals(200, response.statusCode(), response.body());
    assertEquals("upstream: GET /some/where?q=1", response.body());

    // Any other upstream is denied by the outbound allow-list (port 9: discard, never reached).
    HttpResponse<String> denied =
        client.send(
            request("/proxy/").header("x-upstream", "http://127.0.0.1:9").build(),
            BodyHandlers.ofString());
    assertEquals(502, denied.statusCode(), denied.body());
    assertEquals("HTTP-request-denied", denied.headers().firstValue("x-proxy-error").orElse(null));
  }
}
