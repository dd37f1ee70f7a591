package dev.wasihttp.it.tomcat;

import dev.wasihttp.it.ComponentScenarios;
import dev.wasihttp.it.ContainerFixture;

/** The sample-component scenarios on embedded Tomcat 11. */
class TomcatComponentTest extends ComponentScenarios {
  @Override
  protected ContainerFixture newFixture() {
    return new TomcatFixture();
  }
}
