package dev.wasihttp.servlet.spring;

import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring Boot auto-configuration (Boot 3.5 and 4.0): in a servlet web application, one {@link
 * dev.wasihttp.servlet.WasiHttpServlet} per component of the {@code wasi-http.components.*}
 * properties ({@link WasiHttpProperties}), loaded when the web server starts; a component that
 * cannot be configured or loaded fails the application's start with the servlet's message. With
 * Micrometer on the class path, a {@code MeterBinder} publishes each component's counters ({@code
 * wasi.http.*}, tagged {@code component}; see the README), which Actuator shows under {@code
 * /actuator/metrics}. {@code wasi-http.enabled=false} turns it all off.
 *
 * <p>It names only API that Boot 3.5 and 4.0 share: the conditions and {@code AutoConfiguration} of
 * {@code spring-boot-autoconfigure}, and {@code ServletContextInitializer} and the properties
 * binding of {@code spring-boot}.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(prefix = WasiHttpProperties.PREFIX, name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(WasiHttpProperties.class)
public class WasiHttpAutoConfiguration {
  /** The configured components' servlets. */
  @Bean
  ComponentServlets wasiHttpServlets(WasiHttpProperties properties) {
    return new ComponentServlets(properties);
  }

  /** The Micrometer meters, when Micrometer is there. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(MeterBinder.class)
  static class Metrics {
    @Bean
    MeterBinder wasiHttpMetrics(ComponentServlets servlets) {
      return new WasiHttpMetrics(servlets.servlets());
    }
  }
}
