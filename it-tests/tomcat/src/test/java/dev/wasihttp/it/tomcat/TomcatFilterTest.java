package dev.wasihttp.it.tomcat;

import dev.wasihttp.it.ContainerFixture;
import dev.wasihttp.it.FilterScenarios;

/** The WasiHttpFilter scenarios (filter-c in front of Java servlets) on embedded Tomcat 11. */
class TomcatFilterTest extends FilterScenarios {
  @Override
  protected ContainerFixture newFixture() {
    return new TomcatFixture();
  }
}
