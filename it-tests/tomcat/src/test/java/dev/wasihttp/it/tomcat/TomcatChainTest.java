package dev.wasihttp.it.tomcat;

import dev.wasihttp.it.ChainScenarios;
import dev.wasihttp.it.ContainerFixture;

/** The chained-component scenarios on embedded Tomcat 11. */
class TomcatChainTest extends ChainScenarios {
  @Override
  protected ContainerFixture newFixture() {
    return new TomcatFixture();
  }
}
