package dev.wasihttp.it.tomcat;

import dev.wasihttp.it.ContainerFixture;
import dev.wasihttp.it.StreamingScenarios;

/** The 100 MB streaming scenarios (small heap) on embedded Tomcat 11. */
class TomcatStreamingTest extends StreamingScenarios {
  @Override
  protected ContainerFixture newFixture() {
    return new TomcatFixture();
  }
}
