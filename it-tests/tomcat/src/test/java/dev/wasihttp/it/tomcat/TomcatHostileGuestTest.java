package dev.wasihttp.it.tomcat;

import dev.wasihttp.it.ContainerFixture;
import dev.wasihttp.it.HostileGuestScenarios;

/** The hostile guest next to a good one, under load, on embedded Tomcat 11. */
class TomcatHostileGuestTest extends HostileGuestScenarios {
  @Override
  protected ContainerFixture newFixture() {
    return new TomcatFixture();
  }
}
