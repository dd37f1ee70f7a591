package dev.wasihttp.it.tomcat;

import dev.wasihttp.it.ContainerFixture;
import dev.wasihttp.it.CounterScenarios;

/** The JMX counters on Tomcat. */
class TomcatCounterTest extends CounterScenarios {
  @Override
  protected ContainerFixture newFixture() {
    return new TomcatFixture();
  }
}
