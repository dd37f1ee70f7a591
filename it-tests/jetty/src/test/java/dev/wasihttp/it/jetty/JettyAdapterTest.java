package dev.wasihttp.it.jetty;

import dev.wasihttp.it.AdapterScenarios;
import dev.wasihttp.it.ContainerFixture;

/** The servlet adapter scenarios on embedded Jetty 12 (ee10). */
class JettyAdapterTest extends AdapterScenarios {
  @Override
  protected ContainerFixture newFixture() {
    return new JettyFixture();
  }
}
