package dev.wasihttp.it.jetty;

import dev.wasihttp.it.ComponentScenarios;
import dev.wasihttp.it.ContainerFixture;

/** The sample-component scenarios on embedded Jetty 12 (ee10). */
class JettyComponentTest extends ComponentScenarios {
  @Override
  protected ContainerFixture newFixture() {
    return new JettyFixture();
  }
}
