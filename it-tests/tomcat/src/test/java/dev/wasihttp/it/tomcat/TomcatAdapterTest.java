package dev.wasihttp.it.tomcat;

import dev.wasihttp.it.AdapterScenarios;
import dev.wasihttp.it.ContainerFixture;

/** The servlet adapter scenarios on embedded Tomcat 11. */
class TomcatAdapterTest extends AdapterScenarios {
  @Override
  protected ContainerFixture newFixture() {
    return new TomcatFixture();
  }
}
