package dev.wasihttp.it.tomcat;

import dev.wasihttp.it.LogLines;
import dev.wasihttp.it.WebAppFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * Embedded Tomcat 11 deploying one web application with {@code Tomcat.addWebapp}: Tomcat's {@code
 * ContextConfig} reads web.xml, scans annotations and runs the ServletContainerInitializers it
 * finds, as for a WAR in {@code webapps/}. Otherwise as Tomcat's defaults have it.
 */
final class TomcatWebAppFixture implements WebAppFixture {
  /** The container's log, captured from now on (TomcatFixture installs the capture). */
  private static final LogLines LOG = TomcatFixture.LOG;

  private Tomcat tomcat;
  private Context context;

  @Override
  public int start(Path webApp, String contextPath, Map<String, String> contextParams)
      throws Exception {
    Path base = Files.createTempDirectory("tomcat-webapp");
    tomcat = new Tomcat();
    tomcat.setBaseDir(base.toString());
    Connector connector = new Connector();
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    tomcat.setConnector(connector);
    tomcat.getHost().setAppBase(base.toString());
    // No default servlet or JSP: an unmapped path is a plain 404.
    tomcat.setAddDefaultWebXmlToWebapp(false);
    context = tomcat.addWebapp(contextPath, webApp.toAbsolutePath().toString());
    // As <Parameter> in the context's XML outside the WAR.
    contextParams.forEach(context::addParameter);
    tomcat.start();
    return connector.getLocalPort();
  }

  @Override
  public boolean deployed() {
    return context != null && context.getState() == LifecycleState.STARTED;
  }

  @Override
  public LogLines log() {
    return LOG;
  }

  @Override
  public void close() throws Exception {
    if (tomcat != null) {
      tomcat.stop();
      tomcat.destroy();
    }
  }
}
