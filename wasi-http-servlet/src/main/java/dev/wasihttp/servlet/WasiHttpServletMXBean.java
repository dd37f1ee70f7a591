package dev.wasihttp.servlet;

/**
 * The counters of one {@link WasiHttpServlet}'s component, on the platform MBean server (JConsole,
 * VisualVM, a JMX exporter) as {@code dev.wasihttp:type=WasiHttpServlet,context="/shop",name="app"}
 * (the context path, {@code "/"} for the root context, and the servlet's name). Registered when the
 * servlet starts, unregistered by {@code destroy()}. Every request counts in exactly one of the
 * eight outcome attributes; see {@link dev.wasihttp.http.proxy.HandlerMetrics.Outcome}.
 *
 * <p>With {@code reload} on, the attributes are the servlet's, whatever version of the component
 * served: the counters go on across reloads (what a replaced version counted stays counted), and
 * what is held now (instances, memory) is what every version not closed yet holds, the current one
 * and those still finishing requests. {@link #getReloads()} counts the swaps; {@link
 * #getInterpretedFunctions()} is the version serving now's.
 */
public interface WasiHttpServletMXBean {
  /** The component's name in the log. */
  String getComponent();

  /** Every request counted, whatever its outcome. */
  long getRequests();

  /** Requests answered 1xx or 2xx. */
  long getRequests2xx();

  /** Requests answered 3xx. */
  long getRequests3xx();

  /** Requests answered 4xx (413 for a body over {@code maxBody} included). */
  long getRequests4xx();

  /** Requests answered 5xx without a trap, timeout or rejection. */
  long getRequests5xx();

  /** Requests whose guest trapped (500, or an aborted response). */
  long getTraps();

  /** Requests past their deadline (504, or an aborted response). */
  long getTimeouts();

  /** Requests refused by a limit before the guest ran (503 with {@code Retry-After}). */
  long getRejected();

  /** Responses that started and ended broken. */
  long getAborted();

  /** Time spent in guest calls, all requests together, in milliseconds. */
  long getGuestTimeMillis();

  /** Time spent making instances ready (instantiating or resetting), in milliseconds. */
  long getInstantiateTimeMillis();

  /** Instances serving a request now. */
  int getInstancesInUse();

  /** Instances waiting in the pool now, reset to their image. */
  int getInstancesPooled();

  /** Linear memory of the component's instances now, in use and pooled, in bytes. */
  long getGuestMemoryBytes();

  /** Host-side bytes held for the component's guests now. */
  long getHostMemoryBytes();

  /**
   * Times the component was swapped for a new version of its file ({@code reload}); 0 without
   * {@code reload}. The version serving is {@code getReloads() + 1}.
   */
  long getReloads();

  /** Changes of the component's file that failed to load, the version serving staying. */
  long getFailedReloads();

  /**
   * The component's core functions that run on Chicory's interpreter rather than as compiled JVM
   * code ({@link dev.wasihttp.component.Component#interpretedFunctionCount()}): all of them with
   * {@code engine} {@code interpreter}; with {@code auto} or {@code compiler}, those the compiler
   * left (too large for a JVM method, or kept where only the interpreter checks their bounds) and
   * every function of a module {@code auto} left whole; 0 when all of its code is compiled. Fixed
   * when the component loads; with {@code reload}, the figure of the version serving now.
   */
  long getInterpretedFunctions();
}
