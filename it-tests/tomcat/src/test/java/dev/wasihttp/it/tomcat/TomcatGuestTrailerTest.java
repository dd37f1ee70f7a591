package dev.wasihttp.it.tomcat;

import dev.wasihttp.it.ContainerFixture;
import dev.wasihttp.it.GuestTrailerScenarios;

/** Trailers both ways through the http-trailers test component on embedded Tomcat 11. */
class TomcatGuestTrailerTest extends GuestTrailerScenarios {
  @Override
  protected ContainerFixture newFixture() {
    return new TomcatFixture();
  }
}
