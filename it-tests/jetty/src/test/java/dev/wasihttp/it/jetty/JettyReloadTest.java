package dev.wasihttp.it.jetty;

import dev.wasihttp.it.ContainerFixture;
import dev.wasihttp.it.ReloadScenarios;

/** Reload under load on embedded Jetty 12 (ee10). */
class JettyReloadTest extends ReloadScenarios {
  @Override
  protected ContainerFixture newFixture() {
    return new JettyFixture();
  }
}
