package dev.wasihttp.servlet;

import dev.wasihttp.http.ExchangeHandler;
import dev.wasihttp.http.GuardedExchange;
import dev.wasihttp.http.LogSink;
import dev.wasihttp.http.proxy.HandlerMetrics;
import dev.wasihttp.http.proxy.WasiHttpChain;
import dev.wasihttp.http.proxy.WasiHttpHandler;
import dev.wasihttp.servlet.internal.exchange.AbortSignals;
import dev.wasihttp.servlet.internal.exchange.ServletHttpExchange;
import dev.wasihttp.servlet.internal.reload.ReloadingHandler;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Serves a {@code wasi:http/proxy} component: every request becomes an {@code incoming-request}
 * handled by a fresh instance of the component, its response streamed back as the guest writes it.
 *
 * <p>Configured by init-params (web.xml, annotations or {@code ServletRegistration}), named by the
 * constants of {@link InitParams} (the README lists their defaults), or programmatically with
 * {@link #WasiHttpServlet(WasiHttpServletOptions)}; both give the same options object.
 *
 * <p>The component is read, decoded and linked once, in {@link #init()}: a component that cannot be
 * loaded fails deployment with a {@link ServletException} naming the component and the loader's
 * message (with the byte offset for a malformed binary). {@link #service} handles every method
 * itself, so methods unknown to {@link HttpServlet} reach the guest too.
 *
 * <p>For development, the init-param {@value InitParams#RELOAD} makes the servlet load the
 * component again whenever its file changes, without a restart of the container: requests in flight
 * finish on the version they started on, every request that starts after the line {@code [name]
 * reloaded from FILE (version N)} runs the new one, none fails because of the swap, and a new file
 * that does not load leaves the serving version in place (logged with the loader's message).
 *
 * <p>Failures: every handler runs through {@link GuardedExchange#run}, which decides how the
 * exchange ends: a guest (or handler) that sets no response gets a 500 (the reason goes to the
 * log); one that fails after its response started has the response aborted, so the client sees a
 * broken response, never a clean short one. The servlet only maps an abort onto the container
 * ({@code sendError(-1)} on Jetty, an exception out of {@code service()} elsewhere) and drains what
 * is left of the request body. Log lines go to {@code ServletContext.log}, each starting with the
 * component's name.
 *
 * <p>With {@value InitParams#CHAIN}, the component is the first of a {@link WasiHttpChain}: the
 * components chained after it serve its outgoing requests in process.
 *
 * <p>A servlet that runs a component puts its counters on the platform MBean server while it is in
 * service (a chain's: its first component's): see {@link WasiHttpServletMXBean}.
 */
public class WasiHttpServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  /**
   * 4 MiB: the most of a request body the guest left unread that is read and discarded after the
   * response, so the connection stays usable (Tomcat swallows 2 MiB by itself; Jetty does not).
   */
  public static final long DRAIN_LIMIT = 4L << 20;

  /**
   * 5 s: the most time spent on that (generous for {@link #DRAIN_LIMIT} over any working network);
   * a client sending the rest slower (a byte now and then) is left to the container, which closes
   * the connection (Jetty) or reads on by itself up to its own limit (Tomcat's {@code
   * maxSwallowSize}), as it does for any servlet.
   */
  public static final Duration DRAIN_TIME_LIMIT = Duration.ofSeconds(5);

  private transient WasiHttpServletOptions options;
  // Volatile: metrics() reads it from threads the container never ordered after init().
  private transient volatile ExchangeHandler handler;
  private transient boolean ownsHandler;
  private transient ObjectName mbean;
  private final transient AbortSignals abortSignals = new AbortSignals();

  /** A servlet configured by its init-params. */
  public WasiHttpServlet() {}

  /** A servlet with these options; its init-params are ignored. */
  public WasiHttpServlet(WasiHttpServletOptions options) {
    this.options = options;
  }

  /**
   * A servlet that runs {@code handler} for every request instead of loading a component ({@code
   * options.component()} is ignored; the other options apply). The caller keeps ownership: the
   * servlet never closes it.
   */
  public WasiHttpServlet(WasiHttpServletOptions options, ExchangeHandler handler) {
    this.options = options;
    this.handler = handler;
  }

  @Override
  public void init() throws ServletException {
    if (options == null) {
      try {
        options =
            WasiHttpServletOptions.fromInitParameters(
                Collections.list(getInitParameterNames()), this::getInitParameter);
      } catch (IllegalArgumentException e) {
        throw new ServletException(getServletName() + ": " + e.getMessage(), e);
      }
    }
    if (handler == null) {
      try {
        handler =
            options.reload()
                ? ComponentHandlers.loadReloading(options, getServletContext(), containerLog())
                : ComponentHandlers.load(options, getServletContext(), containerLog());
        ownsHandler = true;
      } catch (ServletException e) {
        // Said here too, so the reason is in the context's log whatever the container prints.
        logLine(e.getMessage());
        throw e;
      }
    }
    ServletMBean.Source counted = counted(handler);
    if (counted != null) {
      try {
        mbean =
            ServletMBean.register(
                ServletMBean.name(getServletContext().getContextPath(), getServletName()),
                options.componentName(),
                counted);
      } catch (JMException | RuntimeException e) {
        // Counters are for the operator; a server without JMX still serves.
        logLine("WARN its counters are not on JMX: " + e);
      }
    }
    logLine("serving " + describe());
  }

  private String describe() {
    if (options.component() == null) {
      return "a Java handler";
    }
    return options.component()
        + (handler instanceof WasiHttpChain ? ", chained to " + options.chain() : "");
  }

  /** The options this servlet runs with (after {@link #init()}). */
  public WasiHttpServletOptions options() {
    return options;
  }

  /**
   * The counters of the component this servlet runs, read now: the figures its MBean shows (see
   * {@link WasiHttpServletMXBean}), for a metrics library to poll. Null until {@link #init()} has
   * loaded the component, and for a servlet that runs a Java handler. With {@code reload}, the
   * servlet's counters across the component's versions; with {@code chain}, its first component's.
   * Thread-safe.
   */
  public HandlerMetrics.Snapshot metrics() {
    ServletMBean.Source counted = counted(handler);
    return counted == null ? null : counted.metrics();
  }

  /**
   * How many of the component's core functions run on Chicory's interpreter: the figure its MBean
   * shows as {@code InterpretedFunctions} (see {@link
   * WasiHttpServletMXBean#getInterpretedFunctions()}), for a metrics library to poll. With {@code
   * reload}, the version serving now's; with {@code chain}, its first component's. 0 until {@link
   * #init()} has loaded the component, and for a servlet that runs a Java handler. Thread-safe.
   */
  public long interpretedFunctionCount() {
    ServletMBean.Source counted = counted(handler);
    return counted == null ? 0 : counted.interpretedFunctions();
  }

  /**
   * Where the counters of {@code handler} are read: a component's handler, a chain's first, or a
   * reloading one's (its counters go on across versions); null for a Java handler, or none yet.
   */
  private static ServletMBean.Source counted(ExchangeHandler handler) {
    if (handler instanceof WasiHttpHandler wasi) {
      return ServletMBean.Source.of(wasi);
    }
    if (handler instanceof WasiHttpChain chain) {
      return ServletMBean.Source.of(chain.first());
    }
    return handler instanceof ReloadingHandler reloading ? ServletMBean.Source.of(reloading) : null;
  }

  /**
   * The core host's log sink: lines arrive tagged ({@code [name] ...}); warnings and errors get
   * their level in front, as {@code ServletContext.log} has none.
   */
  private LogSink containerLog() {
    ServletContext context = getServletContext();
    return (level, line) -> context.log(level == LogSink.Level.INFO ? line : level + " " + line);
  }

  /**
   * Closes the handler this servlet created: requests that still arrive get 503 with {@code
   * Retry-After}, those in flight may finish for the {@code shutdownTimeout} init-param's time, the
   * rest are interrupted (504, or an aborted response), and the host's threads stop. Returns within
   * {@code shutdownTimeout} and 5 s.
   *
   * <p>A container calls this once it routes no more requests here, and what a request in flight
   * can still send depends on it: Tomcat waits up to its {@code unloadDelay} (2 s) for requests in
   * flight, then calls this with their connections open, so they may finish; embedded Jetty closes
   * its connections before it stops the servlets, unless it stops gracefully (a {@code
   * GracefulHandler} and a stop timeout, as {@code wasi-http serve} runs it), which lets requests
   * in flight finish first.
   */
  @Override
  public void destroy() {
    if (mbean != null) {
      try {
        ServletMBean.unregister(mbean);
      } catch (JMException | RuntimeException e) {
        logLine("WARN unregistering its JMX counters failed: " + e);
      }
      mbean = null;
    }
    if (ownsHandler && handler instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        logLine("closing the handler failed: " + e);
      }
    }
    super.destroy();
  }

  /** Writes one line to the container log, tagged with the component's name. */
  void logLine(String line) {
    getServletContext().log("[" + options.componentName() + "] " + line);
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    ServletHttpExchange exchange =
        new ServletHttpExchange(
            request,
            response,
            options.canonicalAuthority(),
            options.stripServletPath(),
            this::logLine);
    GuardedExchange.run(handler, exchange, containerLog(), "[" + options.componentName() + "] ");
    if (!exchange.broken()) {
      exchange.drainRequestBody(DRAIN_LIMIT, DRAIN_TIME_LIMIT);
    }
    String aborted = exchange.abortPending();
    if (aborted != null) {
      // After commit, an exception is how a container (Tomcat) is told to close the connection
      // without ending the body cleanly.
      throw abortSignals.abort(response, aborted);
    }
  }
}
