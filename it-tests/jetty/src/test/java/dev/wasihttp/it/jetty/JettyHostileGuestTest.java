package dev.wasihttp.it.jetty;

import dev.wasihttp.it.ContainerFixture;
import dev.wasihttp.it.HostileGuestScenarios;
import java.time.Duration;

/**
 * The hostile guest next to a good one, under load, on embedded Jetty 12 (ee10), whose idle pool
 * threads end after a second, so that the thread count after each round settles.
 */
class JettyHostileGuestTest extends HostileGuestScenarios {
  @Override
  protected ContainerFixture newFixture() {
    return new JettyFixture(Duration.ofSeconds(1));
  }
}
