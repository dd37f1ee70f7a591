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
 * start instead, for the components that may send requests. On Tomcat, Jetty 12.1 is a property
 * away; Boot 3.5's own Jetty server does not start on 12.1 (its mime-type set-up names a class that
 * 12.1 dropped), so there such components need Tomcat, or Boot 4.
 */
final class JettyClientVersion {
  private JettyClientVersion() {}

  /** What to do about it on Boot 3.5, as the README says. */
  static final String OVERRIDE =
      "with Tomcat, set the property jetty.version to 12.1.14; Boot 3.5's Jetty server does not"
          + " run on 12.1: serve the component with Tomcat, or on Boot 4";

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
