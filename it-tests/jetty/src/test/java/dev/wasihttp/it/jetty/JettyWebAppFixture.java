package dev.wasihttp.it.jetty;

import dev.wasihttp.it.LogLines;
import dev.wasihttp.it.WebAppFixture;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jetty.ee10.annotations.AnnotationConfiguration;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Embedded Jetty 12 (ee10) deploying one web application in a {@code WebAppContext} with annotation
 * scanning: Jetty reads web.xml, scans annotations and runs the ServletContainerInitializers it
 * finds, as its deployer does for a WAR. Otherwise as Jetty's defaults have it.
 */
final class JettyWebAppFixture implements WebAppFixture {
  /** The container's log, captured from now on (JettyFixture installs the capture). */
  private static final LogLines LOG = JettyFixture.LOG;

  private Server server;
  private WebAppContext webApp;

  @Override
  public int start(Path war, String contextPath, Map<String, String> contextParams)
      throws Exception {
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    webApp = new WebAppContext();
    webApp.setContextPath(contextPath);
    webApp.setWar(war.toAbsolutePath().toString());
    webApp.addConfiguration(new AnnotationConfiguration());
    // As an operator's context XML outside the WAR sets them.
    contextParams.forEach(webApp::setInitParameter);
    server.setHandler(webApp);
    try {
      server.start();
    } catch (Exception e) {
      // Logged by Jetty; deployed() says it.
    }
    return connector.getLocalPort();
  }

  @Override
  public boolean deployed() {
    return webApp != null && webApp.isAvailable() && webApp.getUnavailableException() == null;
  }

  @Override
  public LogLines log() {
    return LOG;
  }

  @Override
  public void close() throws Exception {
    if (server != null) {
      server.stop();
    }
  }
}
