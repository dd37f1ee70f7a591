package dev.wasihttp.servlet.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasihttp.servlet.WasiHttpServlet;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/** When the auto-configuration applies, and what it makes. */
class WasiHttpAutoConfigurationTest {
  static final String HELLO =
      "wasi-http.components.hello.location=" + ComponentServletsTest.HELLO_C;

  final WebApplicationContextRunner web =
      new WebApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(WasiHttpAutoConfiguration.class));

  @Test
  void aServletWebApplicationGetsTheComponentsServletsAndTheirMeters() {
    web.withPropertyValues(HELLO, "wasi-http.components.hello.path=/hello/*")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(ComponentServlets.class).servlets()).containsKey("hello");
              MeterRegistry registry = new SimpleMeterRegistry();
              context.getBean(MeterBinder.class).bindTo(registry);
              assertEquals(
                  8, registry.get("wasi.http.requests").tag("component", "hello").meters().size());
              assertEquals(
                  0.0,
                  registry
                      .get("wasi.http.requests")
                      .tags("component", "hello", "outcome", "2xx")
                      .functionCounter()
                      .count());
              for (String name :
                  List.of(
                      "wasi.http.guest.time",
                      "wasi.http.instantiate.time",
                      "wasi.http.instances",
                      "wasi.http.memory",
                      "wasi.http.interpreted.functions")) {
                assertThat(registry.get(name).tag("component", "hello").meters()).isNotEmpty();
              }
            });
  }

  @Test
  void aPropertyNoComponentSettingNamesFailsTheStart() {
    web.withPropertyValues(HELLO, "wasi-http.components.hello.max-bdy=1MiB")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("wasi-http.components.hello.max-bdy"));
  }

  @Test
  void aMalformedSettingFailsTheStartWithItsMessage() {
    web.withPropertyValues(HELLO, "wasi-http.components.hello.timeout=soon")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .hasStackTraceContaining(
                        "wasi-http.components.hello: init-param timeout: expected a duration"));
  }

  @Test
  void withoutMicrometerTheServletsStillRun() {
    web.withPropertyValues(HELLO)
        .withClassLoader(new FilteredClassLoader(MeterBinder.class))
        .run(
            context -> {
              assertThat(context).hasSingleBean(ComponentServlets.class);
              assertThat(context).doesNotHaveBean(MeterBinder.class);
            });
  }

  @Test
  void notInANonWebApplicationNorWhenDisabled() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(WasiHttpAutoConfiguration.class))
        .withPropertyValues(HELLO)
        .run(context -> assertThat(context).doesNotHaveBean(ComponentServlets.class));
    web.withPropertyValues(HELLO, "wasi-http.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(ComponentServlets.class));
  }

  @Test
  void theServletsAreNoBeansOfTheirOwn() {
    // Boot registers every Servlet bean by itself; these are registered by ComponentServlets only.
    web.withPropertyValues(HELLO)
        .run(context -> assertThat(context).doesNotHaveBean(WasiHttpServlet.class));
  }
}
