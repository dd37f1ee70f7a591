package dev.wasihttp.it.jetty;

import dev.wasihttp.it.ContainerFixture;
import dev.wasihttp.it.StreamingScenarios;

/** The 100 MB streaming scenarios (small heap) on embedded Jetty 12 (ee10). */
class JettyStreamingTest extends StreamingScenarios {
  @Override
  protected ContainerFixture newFixture() {
    return new JettyFixture();
  }
}
