package dev.wasihttp.servlet.spring;

import dev.wasihttp.http.proxy.HandlerMetrics;
import dev.wasihttp.servlet.WasiHttpServlet;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The counters of each component's servlet (what its JMX MBean shows) as Micrometer meters, every
 * one tagged {@code component=NAME}; each reads the servlet's {@link WasiHttpServlet#metrics()}
 * when polled, so a meter bound before the container loaded its servlet reads 0 until then.
 *
 * <ul>
 *   <li>{@value #REQUESTS}, a function counter per {@code outcome}: {@code 2xx}, {@code 3xx},
 *       {@code 4xx}, {@code 5xx}, {@code trap}, {@code timeout}, {@code rejected}, {@code aborted};
 *   <li>{@value #GUEST_TIME} and {@value #INSTANTIATE_TIME}, function counters in seconds;
 *   <li>{@value #INSTANCES}, a gauge per {@code state}: {@code in-use}, {@code pooled};
 *   <li>{@value #MEMORY}, a gauge in bytes per {@code area}: {@code guest} (linear memory), {@code
 *       host} (host-side bytes held for guests);
 *   <li>{@value #INTERPRETED_FUNCTIONS}, a gauge: the component's core functions that run on
 *       Chicory's interpreter ({@link WasiHttpServlet#interpretedFunctionCount()}), 0 when all of
 *       its code is compiled.
 * </ul>
 */
final class WasiHttpMetrics implements MeterBinder {
  static final String REQUESTS = "wasi.http.requests";
  static final String GUEST_TIME = "wasi.http.guest.time";
  static final String INSTANTIATE_TIME = "wasi.http.instantiate.time";
  static final String INSTANCES = "wasi.http.instances";
  static final String MEMORY = "wasi.http.memory";
  static final String INTERPRETED_FUNCTIONS = "wasi.http.interpreted.functions";

  private static final double NANOS_PER_SECOND = 1e9;

  private final Map<String, ? extends WasiHttpServlet> servlets;

  WasiHttpMetrics(Map<String, ? extends WasiHttpServlet> servlets) {
    this.servlets = servlets;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    servlets.forEach((name, servlet) -> bind(registry, name, servlet));
  }

  private static void bind(MeterRegistry registry, String name, WasiHttpServlet servlet) {
    for (HandlerMetrics.Outcome outcome : HandlerMetrics.Outcome.values()) {
      FunctionCounter.builder(REQUESTS, servlet, read(s -> count(s, outcome)))
          .tag("component", name)
          .tag("outcome", label(outcome))
          .description("Requests of the component by outcome")
          .baseUnit("requests")
          .register(registry);
    }
    FunctionCounter.builder(GUEST_TIME, servlet, read(s -> s.guestNanos() / NANOS_PER_SECOND))
        .tag("component", name)
        .description("Time spent in guest calls")
        .baseUnit("seconds")
        .register(registry);
    FunctionCounter.builder(
            INSTANTIATE_TIME, servlet, read(s -> s.instantiateNanos() / NANOS_PER_SECOND))
        .tag("component", name)
        .description("Time spent making instances ready: instantiating, or resetting pooled ones")
        .baseUnit("seconds")
        .register(registry);
    Gauge.builder(INSTANCES, servlet, read(HandlerMetrics.Snapshot::instancesInUse))
        .tag("component", name)
        .tag("state", "in-use")
        .description("Instances serving a request now, or waiting in the pool")
        .register(registry);
    Gauge.builder(INSTANCES, servlet, read(HandlerMetrics.Snapshot::instancesPooled))
        .tag("component", name)
        .tag("state", "pooled")
        .description("Instances serving a request now, or waiting in the pool")
        .register(registry);
    Gauge.builder(MEMORY, servlet, read(HandlerMetrics.Snapshot::guestMemoryBytes))
        .tag("component", name)
        .tag("area", "guest")
        .description("Linear memory of the instances, or host-side bytes held for guests, now")
        .baseUnit(BaseUnits.BYTES)
        .register(registry);
    Gauge.builder(MEMORY, servlet, read(HandlerMetrics.Snapshot::hostMemoryBytes))
        .tag("component", name)
        .tag("area", "host")
        .description("Linear memory of the instances, or host-side bytes held for guests, now")
        .baseUnit(BaseUnits.BYTES)
        .register(registry);
    Gauge.builder(INTERPRETED_FUNCTIONS, servlet, WasiHttpServlet::interpretedFunctionCount)
        .tag("component", name)
        .description("Core functions of the component that run on the interpreter, not compiled")
        .baseUnit("functions")
        .register(registry);
  }

  /** Reads {@code figure} from the servlet's counters now; 0 while it has none. */
  private static ToDoubleFunction<WasiHttpServlet> read(
      ToDoubleFunction<HandlerMetrics.Snapshot> figure) {
    return servlet -> {
      HandlerMetrics.Snapshot now = servlet.metrics();
      return now == null ? 0 : figure.applyAsDouble(now);
    };
  }

  static double count(HandlerMetrics.Snapshot s, HandlerMetrics.Outcome outcome) {
    return switch (outcome) {
      case STATUS_2XX -> s.requests2xx();
      case STATUS_3XX -> s.requests3xx();
      case STATUS_4XX -> s.requests4xx();
      case STATUS_5XX -> s.requests5xx();
      case TRAP -> s.traps();
      case TIMEOUT -> s.timeouts();
      case REJECTED -> s.rejected();
      case ABORTED -> s.aborted();
    };
  }

  /** The {@code outcome} tag's value. */
  static String label(HandlerMetrics.Outcome outcome) {
    return switch (outcome) {
      case STATUS_2XX -> "2xx";
      case STATUS_3XX -> "3xx";
      case STATUS_4XX -> "4xx";
      case STATUS_5XX -> "5xx";
      case TRAP -> "trap";
      case TIMEOUT -> "timeout";
      case REJECTED -> "rejected";
      case ABORTED -> "aborted";
    };
  }
}
