package dev.wasihttp.http.proxy;

import dev.wasihttp.component.Component;
import dev.wasihttp.component.ComponentInstance;
import dev.wasihttp.component.Func;
import dev.wasihttp.component.InstancePool;
import dev.wasihttp.component.InstancePre;
import dev.wasihttp.component.Linker;
import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.component.errors.HostFault;
import dev.wasihttp.component.errors.ResourceExhausted;
import dev.wasihttp.component.errors.Trap;
import dev.wasihttp.component.limits.InstanceLimits;
import dev.wasihttp.component.limits.MemoryBudget;
import dev.wasihttp.http.ExchangeHandler;
import dev.wasihttp.http.GuardedExchange;
import dev.wasihttp.http.HttpExchange;
import dev.wasihttp.http.HttpField;
import dev.wasihttp.http.LogSink;
import dev.wasihttp.http.client.OutgoingHandler;
import dev.wasihttp.http.internal.FieldRules;
import dev.wasihttp.http.internal.HttpResources;
import dev.wasihttp.http.internal.HttpState;
import dev.wasihttp.wasi.WasiContext;
import dev.wasihttp.wasi.host.WasiHost;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@code wasi:http/proxy} component for HTTP exchanges: each {@link #handle} call is one
 * request, on the calling thread, on an instance of its own that it cannot tell from a fresh one
 * (components such as StarlingMonkey rely on it): an instance from the handler's {@link
 * InstancePool}, reset to its state right after instantiation, or a new one. An instance whose
 * request ended in a trap, a host failure or its deadline is dropped, never reused; see {@link
 * WasiHttpConfig#pool()}.
 *
 * <p>{@link #create} links the component once against the WASI 0.2 host and the wasi:http host and
 * fails there if an import is missing; the handler is then immutable and thread-safe, and many
 * threads may call {@link #handle} at once.
 *
 * <p>Limits (see {@link WasiHttpConfig}):
 *
 * <ul>
 *   <li>at most {@link WasiHttpConfig#maxConcurrent()} guest calls run at once; a request over it
 *       waits its turn (first come, first served) up to {@link WasiHttpConfig#maxConcurrentWait()},
 *       then gets 503 with {@code Retry-After: 1} ({@link #RETRY_AFTER_SECONDS}) without anything
 *       being instantiated. Refusals are logged at most once a second, with their count;
 *   <li>past {@link WasiHttpConfig#timeout()} the guest's thread is interrupted, whether it
 *       computes (the engine checks the flag at calls and branches, interpreted or compiled) or
 *       waits in the host ({@code poll}, a blocking read or write); the interrupt is delivered
 *       again every {@link Deadlines#TICK_MILLIS} ms until the guest stops, so a host call that
 *       swallows it does not keep the guest running. A deadline fires within that tick after the
 *       timeout. The request ends with 504, or an aborted response if it had started; the thread
 *       goes back with its interrupt cleared, and the instance is dropped;
 *   <li>{@link #close} stops taking requests (503 with {@code Retry-After}), lets those in flight
 *       finish for up to {@link WasiHttpConfig#shutdownTimeout()}, interrupts the rest as their
 *       deadline would, and then releases the handler's threads, pool and outgoing client.
 * </ul>
 *
 * <p>How a request ends, whatever the guest does (the rules are {@link GuardedExchange}'s; the
 * exchange is guarded unless it already is):
 *
 * <ul>
 *   <li>the guest sets a response and finishes its body: the response is sent cleanly;
 *   <li>a trap, a return without {@code response-outparam.set}, or {@code set(err)} before anything
 *       was committed: {@link HttpExchange#fail} (500, or a status matching the {@code error-code})
 *       and a log line with the reason;
 *   <li>the deadline before anything was committed: {@code fail(504)} and a log line;
 *   <li>after the response was committed, any ending other than {@code outgoing-body.finish} (a
 *       trap, a return with the body open, a dropped body, the deadline): {@link
 *       HttpExchange#abort} and a log line;
 *   <li>a request whose declared {@code content-length} is over {@link WasiHttpConfig#maxBody()}:
 *       413, before the guest runs; a body that grows past it fails the guest's read with {@code
 *       HTTP-request-body-size};
 *   <li>no instance at hand and the memory budget ({@link WasiHttpConfig#memoryBudget()}) cannot
 *       hold a new one, even after dropping the idle instances of every handler sharing it: 503
 *       with {@code Retry-After}, before the guest runs, logged as refusals are.
 * </ul>
 *
 * {@code handle} never throws for guest faults. A guest calling {@code wasi:cli/exit} with {@code
 * ok} ends like a return; with {@code err}, like a trap. Each request has one {@link
 * HandlerMetrics.Outcome}, counted in {@link #metrics()}.
 *
 * <p>Outgoing requests ({@code wasi:http/outgoing-handler.handle}) go to the destinations {@link
 * WasiHttpConfig#outboundPolicy()} allows (by default none: every request is answered with {@code
 * HTTP-request-denied}), through the handler's own {@link OutgoingHandler}, made by {@link #create}
 * from {@link WasiHttpConfig#outgoingHandler()} (by default Jetty's {@code HttpClient}, started
 * there when the policy allows anything, so a client that cannot start fails the deployment, not
 * the first request) and closed by {@link #close}.
 *
 * <p>Threads: the guest runs on the caller's thread, and response bytes are written there. A
 * request body is read ahead by a small daemon thread per request (started only when the guest
 * opens the body), so the guest never blocks on the client unless it calls a blocking read. One
 * daemon thread fires deadlines; another evicts idle instances. The handler owns these threads;
 * {@link #close} stops them.
 */
public final class WasiHttpHandler implements ExchangeHandler, AutoCloseable {
  /**
   * 1: the {@code Retry-After} seconds of a 503 for a request refused because the handler was busy
   * or shutting down. A second is long enough for a burst to pass, and short enough that a client
   * retrying does not wait for a free call it could have had.
   */
  public static final int RETRY_AFTER_SECONDS = 1;

  /**
   * 5 s: how long {@link #close} waits for the requests it interrupted to end before it releases
   * the handler's threads anyway (a guest stops within a tick; a host call blocked outside the
   * JVM's reach may not).
   */
  static final Duration INTERRUPTED_WAIT = Duration.ofSeconds(5);

  private static final List<HttpField> RETRY_AFTER =
      List.of(HttpField.latin1("Retry-After", Integer.toString(RETRY_AFTER_SECONDS)));

  private final Component component;
  private final InstancePool<RequestData> pool;
  private final HandlerMetrics metrics = new HandlerMetrics();
  private final WasiHttpConfig config;
  private final HttpResources http;
  private final FieldRules rules;
  private final ExecutorService readers;
  private final ScheduledExecutorService scheduler;
  private final Deadlines deadlines;
  private final Admission admission;
  private final String tag;
  private final OutgoingHandler outgoing;
  private final MemoryBudget hostMemory = MemoryBudget.counting("host memory", null);

  private WasiHttpHandler(
      InstancePre<RequestData> pre,
      InstanceLimits limits,
      WasiHttpConfig config,
      HttpResources http,
      OutgoingHandler outgoing) {
    this.component = pre.component();
    this.pool = new InstancePool<>(pre, config.pool(), limits);
    this.config = config;
    this.http = http;
    this.rules = new FieldRules(config.forbiddenHeaders(), config.maxFieldSize());
    this.tag = "[" + config.componentName() + "] ";
    this.readers = Threads.readers(config.componentName());
    this.scheduler = Threads.scheduler(config.componentName());
    this.deadlines = new Deadlines(config.componentName());
    this.admission =
        new Admission(config.maxConcurrent(), config.maxConcurrentWait(), config.log(), tag);
    this.outgoing = outgoing;
    if (config.pool().maxIdle() > 0) {
      long every = Math.max(1, config.pool().idleTimeout().toMillis() / 2);
      scheduler.scheduleWithFixedDelay(pool::evictIdle, every, every, TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Links {@code component} against the WASI 0.2 host and the wasi:http host.
   *
   * @throws ComponentException UNLINKABLE naming the first missing import, or naming {@code
   *     wasi:http/incoming-handler} when the component does not export it; UNINSTANTIABLE when its
   *     instances start with more linear memory than {@link WasiHttpConfig#maxMemory()} or the
   *     memory budget allows
   * @throws IllegalStateException (or another runtime exception) from the outgoing handler's
   *     factory, e.g. a client that cannot start
   */
  public static WasiHttpHandler create(Component component, WasiHttpConfig config)
      throws ComponentException {
    Linker<RequestData> linker = new Linker<>();
    WasiHost.addToLinker(linker);
    HttpResources http = new HttpResources();
    http.define(linker);
    InstancePre<RequestData> pre =
        linker.instantiatePre(component); // names the first missing import
    if (component.exportedFunc(HttpResources.INCOMING_HANDLER, "handle") == null) {
      throw new ComponentException(
          ComponentException.Kind.UNLINKABLE,
          "the component does not export " + HttpResources.INCOMING_HANDLER_0_2 + "x");
    }
    InstanceLimits limits = limits(pre, config);
    OutgoingHandler outgoing =
        config
            .outgoingHandler()
            .create(
                new OutgoingHandler.Context(
                    config.outboundPolicy(),
                    config.maxFieldSize(),
                    config.log(),
                    config.componentName()));
    return new WasiHttpHandler(pre, limits, config, http, outgoing);
  }

  /**
   * What each instance may take; a component whose instances could never be made under it is
   * refused here, at deployment, rather than with a 500 per request.
   */
  private static InstanceLimits limits(InstancePre<RequestData> pre, WasiHttpConfig config)
      throws ComponentException {
    MemoryBudget budget = config.memoryBudget();
    long initial = pre.initialMemory();
    String over =
        initial > config.maxMemory()
            ? "maxMemory (" + config.maxMemory() + " bytes)"
            : initial > budget.limit() ? budget.name() + " (" + budget.limit() + " bytes)" : null;
    if (over != null) {
      throw new ComponentException(
          ComponentException.Kind.UNINSTANTIABLE,
          "its instances start with " + initial + " bytes of linear memory, more than " + over);
    }
    return new InstanceLimits(config.maxMemory(), InstanceLimits.DEFAULT_MAX_HANDLES, budget);
  }

  /** What the handler's instance pool has done and holds now. */
  public InstancePool.Stats poolStats() {
    return pool.stats();
  }

  /** The component this handler runs. */
  public Component component() {
    return component;
  }

  /** The configuration this handler was created with. */
  public WasiHttpConfig config() {
    return config;
  }

  /**
   * Runs one request: waits for a free guest call (see {@link WasiHttpConfig#maxConcurrent()}),
   * takes an instance from the pool (or instantiates one), calls {@code
   * wasi:http/incoming-handler.handle} under the request's deadline and ends {@code exchange} by
   * its contract. Never throws for guest faults. A failed write to {@code exchange} is the guest's
   * to see (a failed stream operation); any other exception {@code exchange} throws while the guest
   * runs ends the request like a trap and is logged at {@code ERROR}; one thrown by its {@code
   * fail} or {@code abort} propagates.
   */
  @Override
  public void handle(HttpExchange exchange) {
    GuardedExchange guarded = GuardedExchange.of(exchange, config.log(), tag);
    String tooLarge = BodyLimit.refusal(guarded, config.maxBody());
    if (tooLarge != null) {
      guarded.fail(413, tooLarge); // no instance taken
      metrics.count(HandlerMetrics.ofStatus(413));
      return;
    }
    String refused = admission.enter();
    if (refused != null) {
      reject(guarded, refused);
      metrics.count(HandlerMetrics.Outcome.REJECTED);
      return;
    }
    try {
      metrics.count(run(guarded)); // every request's one outcome, counted before it leaves
    } finally {
      admission.leave();
    }
  }

  /** Answers 503 with Retry-After to a request not run, logged at the refusals' rate. */
  private void reject(GuardedExchange exchange, String why) {
    exchange.reject(503, RETRY_AFTER, why);
    admission.refused(why);
  }

  private HandlerMetrics.Outcome run(GuardedExchange exchange) {
    MemoryBudget requestMemory =
        new MemoryBudget("host memory", config.maxHostMemory(), hostMemory);
    WasiContext wasi = new WasiContext(config.wasi(), requestMemory);
    HttpState state =
        new HttpState(
            exchange,
            rules,
            wasi,
            readers,
            config.log(),
            tag,
            outgoing,
            config.outboundPolicy(),
            config.maxBody());
    RequestData instanceData = new RequestData(wasi, state);
    Deadline deadline = deadlines.start(config.timeout());
    String fault = null;
    String refused = null;
    String hostError = null; // a log line about a bug of the host's
    ComponentInstance<RequestData> instance = null;
    boolean reusable = false;
    long start = System.nanoTime();
    long called = start;
    try {
      instance = pool.acquire(instanceData);
      called = System.nanoTime();
      metrics.instantiateTime(called - start);
      Func handle = instance.func(HttpResources.INCOMING_HANDLER, "handle");
      handle.call(http.incomingRequest(state), http.responseOutparam(state));
      reusable = true;
    } catch (HostFault f) {
      fault = "host error: " + f.getCause();
      hostError = "host error under a guest call: " + trace(f.getCause());
    } catch (Trap t) {
      fault = Endings.describe(t); // null for exit(ok): a return
    } catch (ComponentException e) {
      fault = "instantiation failed: " + e.getMessage();
    } catch (ResourceExhausted e) {
      refused = "no memory for another instance: " + e.getMessage();
    } catch (RuntimeException e) {
      fault = "host error: " + e;
      hostError = "host error while handling a request: " + e;
    } finally {
      if (instance != null) {
        metrics.guestTime(System.nanoTime() - called);
      }
      deadlines.end(deadline); // no interrupt after this, and none left on the thread
    }
    String expired = deadline.expired();
    if (instance != null) {
      pool.release(instance, reusable && expired == null);
    }
    if (hostError != null && expired == null) {
      // Under an expired deadline, a host call failing is the interrupt's doing, not a bug.
      config.log().log(LogSink.Level.ERROR, tag + hostError);
    }
    try {
      if (refused != null) {
        reject(exchange, refused); // capacity, not a fault: another try may succeed
        return HandlerMetrics.Outcome.REJECTED;
      }
      HandlerMetrics.Outcome outcome =
          Endings.end(exchange, fault, expired, state.body().reportedFailure());
      Endings.reportBodyFailure(state, config.log(), tag);
      return outcome;
    } finally {
      Endings.release(state, instanceData, config.log(), tag);
      requestMemory.close(); // what a body still held when the request ended
    }
  }

  /**
   * The handler's counters (requests by outcome, guest and instantiation time) with what it holds
   * now (instances in use and pooled, their memory).
   */
  public HandlerMetrics.Snapshot metrics() {
    InstancePool.Stats stats = pool.stats();
    return metrics.snapshot(stats.inUse(), stats.idle(), stats.memory(), hostMemory.used());
  }

  /** How many requests run a guest call now (for tests). */
  int running() {
    return admission.inside();
  }

  /** About how many requests wait for a free guest call now (for tests). */
  int waiting() {
    return admission.waiting();
  }

  /** The exception and its stack, for a log line about a bug of the host's. */
  private static String trace(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out.toString().stripTrailing();
  }

  /**
   * Shuts the handler down: from now on every request gets 503 with {@code Retry-After}; requests
   * in flight may finish for up to {@link WasiHttpConfig#shutdownTimeout()}; those still running
   * then are interrupted as their deadline would (504, or an aborted response) and waited for up to
   * 5 s more. Then it stops the handler's threads, drops the pooled instances and closes its
   * outgoing handler (which stops a client it created; a supplied one keeps running). Returns at
   * the latest after both waits; a second call returns at once. An interrupt of the calling thread
   * ends the grace early and is kept.
   */
  @Override
  public void close() {
    if (!admission.close()) {
      return;
    }
    int inFlight = admission.inside();
    if (inFlight > 0) {
      config.log().log(
          LogSink.Level.INFO,
          tag
              + "shutting down: "
              + inFlight
              + " request(s) in flight may finish within "
              + Deadline.format(config.shutdownTimeout())
              + " (shutdownTimeout)");
    }
    try {
      if (!admission.awaitEmpty(config.shutdownTimeout())) {
        int left = admission.inside();
        String why =
            "guest still running "
                + Deadline.format(config.shutdownTimeout())
                + " after shutdown began (shutdownTimeout)";
        config.log().log(
            LogSink.Level.WARN, tag + "interrupting " + left + " request(s) at shutdown: " + why);
        deadlines.expireAll(why);
        if (!admission.awaitEmpty(INTERRUPTED_WAIT)) {
          config.log().log(
              LogSink.Level.WARN,
              tag
                  + admission.inside()
                  + " request(s) still running "
                  + Deadline.format(INTERRUPTED_WAIT)
                  + " after they were interrupted; releasing the handler anyway");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      deadlines.expireAll("the handler was closed");
    } finally {
      deadlines.close();
      pool.close();
      outgoing.close();
      readers.shutdownNow();
      scheduler.shutdownNow();
    }
  }
}
