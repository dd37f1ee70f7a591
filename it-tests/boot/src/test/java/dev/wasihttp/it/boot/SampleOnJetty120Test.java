package dev.wasihttp.it.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sample on Boot 3.5 with Jetty, which runs on Jetty 12.0 only (its Jetty server does not start
 * on 12.1), where wasi-http-core's outgoing HTTP cannot work: components are served and counted,
 * proxy-c included while it may reach nothing, and a component allowed to send requests fails the
 * start with a message that says so.
 */
class SampleOnJetty120Test extends SampleScenarios {
  @DynamicPropertySource
  static void allowNothing(DynamicPropertyRegistry registry) {
    registry.add("wasi-http.components.proxy.allow-outbound", () -> "");
  }

  @Test
  void proxyIsServedAndDeniedEveryUpstream() throws Exception {
    HttpResponse<String> response = get("/proxy/some/where");
    assertEquals(502, response.statusCode(), response.body());
    assertEquals(
        "HTTP-request-denied", response.headers().firstValue("x-proxy-error").orElse(null));
  }

  @Test
  void aComponentAllowedToSendRequestsFailsTheStart() {
    String message =
        startFailure(
            "wasi-http.components.proxy",
            "wasi-http.components.proxy.allow-outbound=" + upstream());
    assertTrue(
        message.startsWith(
            "wasi-http.components.proxy.allow-outbound: outgoing HTTP needs Jetty's client 12.1,"
                + " the application has 12.0."),
        message);
  }
}
