package dev.wasihttp.it.jetty;

import dev.wasihttp.it.ChainScenarios;
import dev.wasihttp.it.ContainerFixture;

/** The chained-component scenarios on embedded Jetty 12 (ee10). */
class JettyChainTest extends ChainScenarios {
  @Override
  protected ContainerFixture newFixture() {
    return new JettyFixture();
  }
}
