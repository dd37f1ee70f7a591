package dev.wasihttp.it.jetty;

import dev.wasihttp.it.ContainerFixture;
import dev.wasihttp.it.OutgoingScenarios;

/** Outgoing HTTP through proxy-c and hello-js on embedded Jetty 12 (ee10). */
class JettyOutgoingTest extends OutgoingScenarios {
  @Override
  protected ContainerFixture newFixture() {
    return new JettyFixture();
  }
}
