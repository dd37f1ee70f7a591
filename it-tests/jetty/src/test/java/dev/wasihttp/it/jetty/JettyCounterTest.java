package dev.wasihttp.it.jetty;

import dev.wasihttp.it.ContainerFixture;
import dev.wasihttp.it.CounterScenarios;

/** The JMX counters on Jetty. */
class JettyCounterTest extends CounterScenarios {
  @Override
  protected ContainerFixture newFixture() {
    return new JettyFixture();
  }
}
