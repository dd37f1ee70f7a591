package dev.wasihttp.it.jetty;

import dev.wasihttp.it.ContainerFixture;
import dev.wasihttp.it.FilterStreamingScenarios;

/** The 100 MB WasiHttpFilter streaming scenario (small heap) on embedded Jetty 12 (ee10). */
class JettyFilterStreamingTest extends FilterStreamingScenarios {
  @Override
  protected ContainerFixture newFixture() {
    return new JettyFixture();
  }
}
