package dev.wasihttp.it.jetty;

import dev.wasihttp.it.ContainerFixture;
import dev.wasihttp.it.Deployment;
import dev.wasihttp.it.LogLines;
import dev.wasihttp.it.WebApp;
import dev.wasihttp.servlet.WasiHttpFilter;
import dev.wasihttp.servlet.WasiHttpServlet;
import dev.wasihttp.servlet.WasiHttpServletOptions;
import jakarta.servlet.DispatcherType;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.logging.JettyLogger;
import org.eclipse.jetty.logging.StdErrAppender;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.LoggerFactory;

/** Embedded Jetty 12 (ee10) on a free loopback port, HTTP/1.1 and h2c on the same connector. */
final class JettyFixture implements ContainerFixture {
  static final LogLines LOG = new LogLines();

  static {
    // Every Jetty logger shares one appender: tee what it prints into LOG.
    StdErrAppender appender =
        (StdErrAppender) ((JettyLogger) LoggerFactory.getLogger(Server.class)).getAppender();
    PrintStream original =
        appender.getStream() != null ? appender.getStream() : System.err; // null: System.err
    appender.setStream(
        new PrintStream(
            new OutputStream() {
              private final StringBuilder line = new StringBuilder();

              @Override
              public synchronized void write(int b) {
                original.write(b);
                if (b == '\n') {
                  LOG.add(line.toString());
                  line.setLength(0);
                } else {
                  line.append((char) b);
                }
              }

              @Override
              public synchronized void write(byte[] b, int off, int len) {
                original.write(b, off, len);
                String s = new String(b, off, len, StandardCharsets.UTF_8);
                for (char c : s.toCharArray()) {
                  if (c == '\n') {
                    LOG.add(line.toString());
                    line.setLength(0);
                  } else {
                    line.append(c);
                  }
                }
              }
            },
            true,
            StandardCharsets.UTF_8));
  }

  private final Duration threadIdleTimeout;
  private Server server;

  /** A server with Jetty's default thread pool. */
  JettyFixture() {
    this(null);
  }

  /**
   * A server whose pool threads end once idle for {@code threadIdleTimeout}, all of them at once
   * (Jetty's default lets one go per minute), so the thread count settles soon after a load.
   */
  JettyFixture(Duration threadIdleTimeout) {
    this.threadIdleTimeout = threadIdleTimeout;
  }

  @Override
  public int start(List<Deployment> deployments, List<WebApp> apps) throws Exception {
    if (threadIdleTimeout == null) {
      server = new Server();
    } else {
      QueuedThreadPool threads = new QueuedThreadPool();
      threads.setIdleTimeout((int) threadIdleTimeout.toMillis());
      threads.setMaxEvictCount(threads.getMaxThreads());
      server = new Server(threads);
    }
    HttpConfiguration config = new HttpConfiguration();
    // Trust X-Forwarded-* (as behind a proxy): the servlet reports what the container decides.
    config.addCustomizer(new ForwardedRequestCustomizer());
    ServerConnector connector =
        new ServerConnector(
            server, new HttpConnectionFactory(config), new HTTP2CServerConnectionFactory(config));
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    Map<String, ServletContextHandler> contexts = new LinkedHashMap<>();
    for (Deployment d : deployments) {
      ServletContextHandler context =
          contexts.computeIfAbsent(
              d.contextPath(), p -> new ServletContextHandler(p.isEmpty() ? "/" : p));
      d.contextAttributes().forEach(context::setAttribute);
      // A servlet that fails init is logged and answers 503; the rest of the server runs on.
      context.getServletHandler().setStartWithUnavailable(true);
      ServletHolder holder;
      if (d.handler() != null) {
        WasiHttpServletOptions options =
            WasiHttpServletOptions.fromInitParameters(d.initParams().keySet(), d.initParams()::get);
        holder = new ServletHolder(d.servletName(), new WasiHttpServlet(options, d.handler()));
      } else {
        holder = new ServletHolder(d.servletName(), WasiHttpServlet.class);
        holder.setInitParameters(d.initParams());
      }
      holder.setInitOrder(1);
      context.addServlet(holder, d.mapping());
    }
    for (WebApp app : apps) {
      ServletContextHandler context =
          contexts.computeIfAbsent(
              app.contextPath(), p -> new ServletContextHandler(p.isEmpty() ? "/" : p));
      context.getServletHandler().setStartWithUnavailable(true);
      for (WebApp.Mount m : app.mounts()) {
        if (m instanceof WebApp.FilterMount f) {
          FilterHolder holder =
              f.filter() == null
                  ? new FilterHolder(WasiHttpFilter.class)
                  : new FilterHolder(f.filter());
          holder.setName(f.name());
          holder.setInitParameters(f.initParams());
          context.addFilter(holder, f.pattern(), EnumSet.of(DispatcherType.REQUEST));
        } else if (m instanceof WebApp.ServletMount s) {
          context.addServlet(new ServletHolder(s.name(), s.servlet()), s.pattern());
        }
      }
    }
    ContextHandlerCollection all = new ContextHandlerCollection();
    for (ServletContextHandler c : contexts.values()) {
      all.addHandler(c);
    }
    server.setHandler(all);
    server.start();
    return connector.getLocalPort();
  }

  @Override
  public boolean h2c() {
    return true;
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
