package dev.wasihttp.it.tomcat;

import dev.wasihttp.it.ContainerFixture;
import dev.wasihttp.it.HostileClientScenarios;

/** The hostile-client scenarios on embedded Tomcat 11. */
class TomcatHostileClientTest extends HostileClientScenarios {
  @Override
  protected ContainerFixture newFixture() {
    return new TomcatFixture();
  }
}
