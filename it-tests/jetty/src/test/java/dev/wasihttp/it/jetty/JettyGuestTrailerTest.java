package dev.wasihttp.it.jetty;

import dev.wasihttp.it.ContainerFixture;
import dev.wasihttp.it.GuestTrailerScenarios;

/** Trailers both ways through the http-trailers test component on embedded Jetty 12 (ee10). */
class JettyGuestTrailerTest extends GuestTrailerScenarios {
  @Override
  protected ContainerFixture newFixture() {
    return new JettyFixture();
  }
}
