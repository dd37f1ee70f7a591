package dev.wasihttp.servlet;

import dev.wasihttp.component.Component;
import dev.wasihttp.http.GuardedExchange;
import dev.wasihttp.http.HttpExchange;
import dev.wasihttp.http.HttpField;
import dev.wasihttp.http.LogSink;
import dev.wasihttp.http.client.inprocess.InProcessRoute;
import dev.wasihttp.http.client.inprocess.InProcessRouting;
import dev.wasihttp.http.proxy.HandlerMetrics;
import dev.wasihttp.http.proxy.WasiHttpHandler;
import dev.wasihttp.servlet.internal.exchange.AbortSignals;
import dev.wasihttp.servlet.internal.exchange.ServletHttpExchange;
import dev.wasihttp.servlet.internal.filter.ChainDispatch;
import dev.wasihttp.servlet.internal.filter.FilterRun;
import dev.wasihttp.servlet.internal.filter.GuestThreads;
import dev.wasihttp.servlet.internal.load.ComponentLoading;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * A {@code wasi:http/proxy} component as a servlet filter: it sees each request first, and what it
 * sends to its own origin (the incoming request's scheme and authority) continues down the filter
 * chain, in process, and comes back as its {@code incoming-response}. A component can so
 * authenticate, rewrite or cache in front of Java servlets.
 *
 * <ul>
 *   <li>the first such request for the incoming request's own path (the target as the guest sees
 *       it: relative to the context path, query aside) continues with {@code chain.doFilter} on the
 *       container's request thread, so a {@code ThreadLocal} an earlier filter set is visible to
 *       the servlet behind; any other path (or a second request) goes through the container
 *       request's {@code RequestDispatcher.forward}, its path relative to the context;
 *   <li>the servlet behind sees the guest's method, query, header fields (the original's hidden)
 *       and body, and its response (status, fields, body, trailers) is captured, not sent: bodies
 *       stream both ways through bounded buffers; the container's error pages do not apply ({@code
 *       sendError} answers a one-line text body, {@code sendRedirect} a 302);
 *   <li>async servlets, multipart parsing and upgrades are not supported behind the filter: {@code
 *       startAsync} throws, so such a servlet's request fails (see below) with a log line;
 *   <li>every other destination is under the outbound policy, as for {@link WasiHttpServlet}.
 * </ul>
 *
 * <p>Threads: the guest runs on a thread of the filter's own pool (at most twice {@code
 * maxConcurrent}: as many running as the component admits, as many waiting their turn; a request
 * beyond them is answered 503 with {@code Retry-After} at once, and counted with the component's
 * own refusals as {@code Rejected}), while the container thread waits in {@code doFilter}, running
 * the guest's own-origin requests as they come, until the guest's run ends. The guest writes the
 * container's response from its thread meanwhile; the servlet behind never touches it.
 *
 * <p>Failures, as for the servlet: a guest trap is a 500 before its response was set, an aborted
 * response after; the servlet behind failing (an exception) is logged and fails the guest's request
 * (no response, or a broken body once it began), and the guest decides what the client sees; the
 * {@code timeout} covers the guest's whole run, the servlet's time included.
 *
 * <p>Configured by the same init-params as {@link WasiHttpServlet} (except {@value
 * InitParams#RELOAD}, {@value InitParams#CHAIN} and {@value InitParams#STRIP_SERVLET_PATH}, which
 * it refuses) or by {@link #WasiHttpFilter(WasiHttpServletOptions)}. While in service its counters
 * are on the platform MBean server as {@code
 * dev.wasihttp:type=WasiHttpFilter,context="/ctx",name="filter"} ({@link WasiHttpServletMXBean});
 * {@link #destroy} closes the component's handler.
 */
public class WasiHttpFilter implements Filter {
  private static final List<HttpField> RETRY_AFTER =
      List.of(
          HttpField.latin1("Retry-After", Integer.toString(WasiHttpHandler.RETRY_AFTER_SECONDS)));

  private WasiHttpServletOptions options;
  private volatile WasiHttpHandler handler;
  private GuestThreads guests;
  private ServletContext context;
  private String filterName;
  private ObjectName mbean;
  private LogSink log;
  private String tag;
  private final AbortSignals abortSignals = new AbortSignals();

  /** A filter configured by its init-params. */
  public WasiHttpFilter() {}

  /** A filter with these options; its init-params are ignored. */
  public WasiHttpFilter(WasiHttpServletOptions options) {
    this.options = options;
  }

  /**
   * Loads and links the component (a failure names it and fails the deployment, as the servlet's
   * does), makes the guest threads' pool and registers the counters.
   */
  @Override
  public void init(FilterConfig config) throws ServletException {
    context = config.getServletContext();
    filterName = config.getFilterName();
    if (options == null) {
      try {
        options =
            WasiHttpServletOptions.fromInitParameters(
                Collections.list(config.getInitParameterNames()), config::getInitParameter);
      } catch (IllegalArgumentException e) {
        throw new ServletException(filterName + ": " + e.getMessage(), e);
      }
    }
    tag = "[" + options.componentName() + "] ";
    log = (level, line) -> context.log(level == LogSink.Level.INFO ? line : level + " " + line);
    // Before the handler, whose volatile write publishes both to metrics(); no thread starts yet.
    guests =
        new GuestThreads(
            options.componentName(),
            2 * options.http().maxConcurrent(),
            line -> context.log(tag + line));
    try {
      handler = load();
    } catch (ServletException e) {
      context.log(tag + e.getMessage());
      throw e;
    }
    try {
      mbean =
          ServletMBean.register(
              ServletMBean.name("WasiHttpFilter", context.getContextPath(), filterName),
              options.componentName(),
              counted(ServletMBean.Source.of(handler)));
    } catch (JMException | RuntimeException e) {
      context.log(tag + "WARN its counters are not on JMX: " + e);
    }
    context.log(tag + "filtering with " + options.component());
  }

  private WasiHttpHandler load() throws ServletException {
    String refused =
        options.reload()
            ? InitParams.RELOAD
            : !options.chain().isEmpty()
                ? InitParams.CHAIN
                : options.stripServletPath() ? InitParams.STRIP_SERVLET_PATH : null;
    if (refused != null) {
      throw ComponentLoading.unavailable(
          "component "
              + options.componentName()
              + ": the init-param "
              + refused
              + " is for WasiHttpServlet, not WasiHttpFilter",
          null);
    }
    Component component =
        ComponentHandlers.decode(ComponentHandlers.bytes(options, context), options, log, true);
    WasiHttpServletOptions resolved = ComponentHandlers.outbound(options, context);
    InProcessRoute chain =
        InProcessRoute.to(
            "chain",
            InProcessRoute.ownOrigin(),
            new ChainDispatch(context, log, tag),
            FilterRun.EXECUTOR);
    WasiHttpServletOptions routed =
        resolved.toBuilder()
            .http(
                resolved.http().toBuilder()
                    .outgoingHandler(
                        InProcessRouting.of(List.of(chain), resolved.http().outgoingHandler()))
                    .build())
            .build();
    return ComponentHandlers.link(component, routed, log);
  }

  /**
   * What the MBean reads: the component's figures, with the refusals of the guest threads counted
   * as {@link #metrics()} counts them.
   */
  private ServletMBean.Source counted(ServletMBean.Source component) {
    return new ServletMBean.Source() {
      @Override
      public HandlerMetrics.Snapshot metrics() {
        return guests.counted(component.metrics());
      }

      @Override
      public long interpretedFunctions() {
        return component.interpretedFunctions();
      }
    };
  }

  /** The options this filter runs with (after {@link #init}). */
  public WasiHttpServletOptions options() {
    return options;
  }

  /**
   * The filter's counters now, as its MBean shows them: the component's, and the requests refused
   * because every guest thread was busy counted as {@code rejected}. Null before {@link #init}.
   * Thread-safe.
   */
  public HandlerMetrics.Snapshot metrics() {
    WasiHttpHandler h = handler;
    return h == null ? null : guests.counted(h.metrics());
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    if (!(req instanceof HttpServletRequest request)
        || !(res instanceof HttpServletResponse response)) {
      chain.doFilter(req, res); // not HTTP: nothing for a wasi:http component
      return;
    }
    ServletHttpExchange real =
        new ServletHttpExchange(
            request,
            response,
            options.canonicalAuthority(),
            options.stripServletPath(),
            line -> context.log(tag + line));
    FilterRun run = new FilterRun(request, response, chain, FilterRun.pathOf(real.pathWithQuery()));
    HttpExchange exchange = run.gate().guard(real);
    if (!guests.tryRun(() -> runGuest(run, exchange))) {
      real.fail(503, RETRY_AFTER, "all guest threads busy");
      return;
    }
    run.serve();
    if (!real.broken()) {
      real.drainRequestBody(WasiHttpServlet.DRAIN_LIMIT, WasiHttpServlet.DRAIN_TIME_LIMIT);
    }
    String aborted = real.abortPending();
    if (aborted != null) {
      throw abortSignals.abort(response, aborted);
    }
  }

  /** On a guest thread: the component handles the request; the container thread then returns. */
  private void runGuest(FilterRun run, HttpExchange exchange) {
    FilterRun.GUEST.set(run);
    try {
      GuardedExchange.run(handler, exchange, log, tag);
    } finally {
      FilterRun.GUEST.remove();
      run.guestEnded();
    }
  }

  /**
   * Unregisters the counters and closes the component's handler (requests in flight may finish for
   * {@code shutdownTimeout}, as the servlet's), then stops the guest threads.
   */
  @Override
  public void destroy() {
    if (mbean != null) {
      try {
        ServletMBean.unregister(mbean);
      } catch (JMException | RuntimeException e) {
        context.log(tag + "WARN unregistering its JMX counters failed: " + e);
      }
      mbean = null;
    }
    if (handler != null) {
      handler.close();
    }
    if (guests != null) {
      guests.shutdown();
    }
  }
}
