package dev.wasihttp.servlet.spring;

import java.util.Map;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;

/**
 * Whether the application's Jetty client is one wasi-http-core's outgoing HTTP runs on. The core
 * resolves every outgoing request's host through the outbound policy with the {@code resolve}
 * method that Jetty 12.1 added (it carries the request's context); Spring Boot 3.5 manages Jetty
 * 12.0, where the first outgoing request would fail with an {@code AbstractMethodError}. Checked at
 * start instead, for the components that may send requests.
 */
final class JettyClientVersion {
  private JettyClientVersion() {}

  /** The override that brings Jetty 12.1 to a Boot 3.5 application, as the README gives it. */
  static final String OVERRIDE = "set the property jetty.version to 12.1.14";

  /** Null if the class path's Jetty client will do, else why not and what to do. */
  static String problem() {
    return problem(SocketAddressResolver.class, HttpClient.class.getPackage());
  }

  static String problem(Class<?> resolver, Package client) {
    try {
      resolver.getMethod("resolve", String.class, int.class, Map.class, Promise.class);
      return null;
    } catch (NoSuchMethodException e) {
      String version = client == null ? null : client.getImplementationVersion();
      return "outgoing HTTP needs Jetty's client 12.1, the application has "
          + (version == null ? "an older one" : version)
          + " (Spring Boot 3.5 manages Jetty 12.0): "
          + OVERRIDE;
    }
  }
}
