package dev.wasihttp.it.jetty;

import dev.wasihttp.it.ContainerFixture;
import dev.wasihttp.it.HostileClientScenarios;

/** The hostile-client scenarios on embedded Jetty 12 (ee10). */
class JettyHostileClientTest extends HostileClientScenarios {
  @Override
  protected ContainerFixture newFixture() {
    return new JettyFixture();
  }
}
