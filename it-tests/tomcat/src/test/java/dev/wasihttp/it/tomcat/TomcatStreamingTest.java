package dev.wasihttp.it.tomcat;

import dev.wasihttp.it.StreamingScenarios;
import dev.wasihttp.it.ContainerFixture;

/** The 100 MB streaming scenarios (small heap) on embedded Tomcat 11. */
class TomcatStreamingTest extends StreamingScenarios {
  @Override
  protected ContainerFixture newFixture() {
    return new TomcatFixture();
  }
}
