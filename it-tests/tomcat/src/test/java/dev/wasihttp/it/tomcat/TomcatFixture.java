package dev.wasihttp.it.tomcat;

import dev.wasihttp.it.ContainerFixture;
import dev.wasihttp.it.Deployment;
import dev.wasihttp.it.LogLines;
import dev.wasihttp.it.WebApp;
import dev.wasihttp.servlet.WasiHttpFilter;
import dev.wasihttp.servlet.WasiHttpServlet;
import dev.wasihttp.servlet.WasiHttpServletOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.RemoteIpValve;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/** Embedded Tomcat 11 on a free loopback port (HTTP/1.1). */
final class TomcatFixture implements ContainerFixture {
  static final LogLines LOG = new LogLines();

  static {
    // Tomcat logs through JULI, i.e. java.util.logging: listen at the root logger.
    Logger.getLogger("")
        .addHandler(
            new Handler() {
              @Override
              public void publish(LogRecord r) {
                StringBuilder s = new StringBuilder(r.getLoggerName() + ": " + r.getMessage());
                for (Throwable t = r.getThrown(); t != null; t = t.getCause()) {
                  s.append(" | ").append(t);
                }
                // One record, one line: Tomcat's messages may carry a note on a second line.
                LOG.add(s.toString().replaceAll("\\s*\\R\\s*", " "));
              }

              @Override
              public void flush() {}

              @Override
              public void close() {}
            });
  }

  private Tomcat tomcat;
  private Path base;

  @Override
  public int start(List<Deployment> deployments, List<WebApp> apps) throws Exception {
    base = Files.createTempDirectory("tomcat");
    tomcat = new Tomcat();
    tomcat.setBaseDir(base.toString());
    Connector connector = new Connector();
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    // Request trailers reach the application only when named here.
    connector.setProperty("allowedTrailerHeaders", "x-req,x-request-trailer");
    tomcat.setConnector(connector);
    // Trust X-Forwarded-* from loopback (as behind a proxy): the servlet reports what Tomcat
    // decides.
    RemoteIpValve forwarded = new RemoteIpValve();
    forwarded.setProtocolHeader("X-Forwarded-Proto");
    forwarded.setHostHeader("X-Forwarded-Host");
    tomcat.getEngine().getPipeline().addValve(forwarded);
    Set<String> created = new HashSet<>();
    for (Deployment d : deployments) {
      Context context =
          created.add(d.contextPath())
              ? tomcat.addContext(d.contextPath(), base.toString())
              : (Context) tomcat.getHost().findChild(d.contextPath());
      if (!d.contextAttributes().isEmpty()) {
        // Set when the context starts, before its load-on-startup servlets.
        context.addServletContainerInitializer(
            (classes, servletContext) ->
                d.contextAttributes().forEach(servletContext::setAttribute),
            null);
      }
      Wrapper wrapper;
      if (d.handler() != null) {
        WasiHttpServletOptions options =
            WasiHttpServletOptions.fromInitParameters(d.initParams().keySet(), d.initParams()::get);
        wrapper =
            Tomcat.addServlet(context, d.servletName(), new WasiHttpServlet(options, d.handler()));
      } else {
        wrapper = Tomcat.addServlet(context, d.servletName(), WasiHttpServlet.class.getName());
        d.initParams().forEach(wrapper::addInitParameter);
      }
      wrapper.setLoadOnStartup(1);
      context.addServletMapping(d.mapping(), d.servletName());
    }
    for (WebApp app : apps) {
      Context context = tomcat.addContext(app.contextPath(), base.toString());
      for (WebApp.Mount m : app.mounts()) {
        if (m instanceof WebApp.FilterMount f) {
          FilterDef def = new FilterDef();
          def.setFilterName(f.name());
          if (f.filter() == null) {
            def.setFilterClass(WasiHttpFilter.class.getName());
          } else {
            def.setFilter(f.filter());
          }
          f.initParams().forEach(def::addInitParameter);
          context.addFilterDef(def);
          FilterMap map = new FilterMap();
          map.setFilterName(f.name());
          map.addURLPattern(f.pattern());
          context.addFilterMap(map);
        } else if (m instanceof WebApp.ServletMount s) {
          Tomcat.addServlet(context, s.name(), s.servlet());
          context.addServletMapping(s.pattern(), s.name());
        }
      }
    }
    tomcat.start();
    return connector.getLocalPort();
  }

  @Override
  public boolean h2c() {
    return false;
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
    if (base != null) {
      try (Stream<Path> files = Files.walk(base)) {
        files.sorted(Comparator.reverseOrder()).forEach(TomcatFixture::delete);
      }
    }
  }

  private static void delete(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // best effort
    }
  }
}
