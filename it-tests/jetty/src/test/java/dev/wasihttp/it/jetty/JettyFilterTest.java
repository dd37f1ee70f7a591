package dev.wasihttp.it.jetty;

import dev.wasihttp.it.ContainerFixture;
import dev.wasihttp.it.FilterScenarios;

/**
 * The WasiHttpFilter scenarios (filter-c in front of Java servlets) on embedded Jetty 12 (ee10).
 */
class JettyFilterTest extends FilterScenarios {
  @Override
  protected ContainerFixture newFixture() {
    return new JettyFixture();
  }
}
