package dev.wasihttp.it.tomcat;

import dev.wasihttp.it.ContainerFixture;
import dev.wasihttp.it.FilterStreamingScenarios;

/** The 100 MB WasiHttpFilter streaming scenario (small heap) on embedded Tomcat 11. */
class TomcatFilterStreamingTest extends FilterStreamingScenarios {
  @Override
  protected ContainerFixture newFixture() {
    return new TomcatFixture();
  }
}
