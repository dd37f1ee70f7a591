package dev.wasihttp.it.tomcat;

import dev.wasihttp.it.ContainerFixture;
import dev.wasihttp.it.ReloadScenarios;

/** Reload under load on embedded Tomcat 11. */
class TomcatReloadTest extends ReloadScenarios {
  @Override
  protected ContainerFixture newFixture() {
    return new TomcatFixture();
  }
}
