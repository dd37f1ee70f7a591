package dev.wasihttp.servlet.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Jetty 12.1's client passes; an older one (as Boot 3.5 manages) is named with the override. */
class JettyClientVersionTest {
  /** Jetty 12.0's {@code SocketAddressResolver}: no context-carrying resolve. */
  interface Jetty120Resolver {
    void resolve(String host, int port, org.eclipse.jetty.util.Promise<?> promise);
  }

  @Test
  void theJettyClientOfThisBuildWillDo() {
    assertNull(JettyClientVersion.problem());
  }

  @Test
  void anOlderOneFailsTheStartWithTheOverride() {
    assertEquals(
        "outgoing HTTP needs Jetty's client 12.1, the application has an older one (Spring Boot"
            + " 3.5 manages Jetty 12.0): with Tomcat, set the property jetty.version to 12.1.14;"
            + " Boot 3.5's Jetty server does not run on 12.1: serve the component with Tomcat, or"
            + " on Boot 4",
        JettyClientVersion.problem(Jetty120Resolver.class, null));
  }
}
