package dev.wasihttp.it.tomcat;

import dev.wasihttp.it.ContainerFixture;
import dev.wasihttp.it.OutgoingScenarios;

/** Outgoing HTTP through proxy-c and hello-js on embedded Tomcat 11. */
class TomcatOutgoingTest extends OutgoingScenarios {
  @Override
  protected ContainerFixture newFixture() {
    return new TomcatFixture();
  }
}
