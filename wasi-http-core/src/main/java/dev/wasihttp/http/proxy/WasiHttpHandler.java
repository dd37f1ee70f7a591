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
import dev.wasihttp.http.LogSink;
import dev.wasihttp.http.client.OutgoingHandler;
import dev.wasihttp.http.internal.FieldRules;
import dev.wasihttp.http.internal.HttpResources;
import dev.wasihttp.http.internal.HttpState;
import dev.wasihttp.wasi.WasiContext;
import dev.wasihttp.wasi.host.WasiHost;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@code wasi:http/proxy} component for HTTP exchanges: each {@link #handle} call is one
 * request, on the calling thread, on an instance of its own that it cannot tell from a fresh one
 * (components such as StarlingMonkey rely on it): an instance from the handler's {@link
 * InstancePool}, reset to its state right after instantiation, or a new one. An instance whose
 * request ended in a trap or a host failure is dropped, never reused; see {@link
 * WasiHttpConfig#pool()}.
 *
 * <p>{@link #create} links the component once against the WASI 0.2 host and the wasi:http host and
 * fails there if an import is missing; the handler is then immutable and thread-safe, and many
 * threads may call {@link #handle} at once.
 *
 * <p>How a request ends, whatever the guest does (the rules are {@link GuardedExchange}'s; the
 * exchange is guarded unless it already is):
 *
 * <ul>
 *   <li>the guest sets a response and finishes its body: the response is sent cleanly;
 *   <li>a trap, a return without {@code response-outparam.set}, or {@code set(err)} before anything
 *       was committed: {@link HttpExchange#fail} (500, or a status matching the {@code error-code})
 *       and a log line with the reason;
 *   <li>after the response was committed, any ending other than {@code outgoing-body.finish} (a
 *       trap, a return with the body open, a dropped body, the deadline): {@link
 *       HttpExchange#abort} and a log line;
 *   <li>past {@link WasiHttpConfig#timeout()}, the guest's thread is interrupted (the engine checks
 *       it at calls and loop back-edges) and the request ends as above with "guest timed out";
 *   <li>a request whose declared {@code content-length} is over {@link WasiHttpConfig#maxBody()}:
 *       413, before the guest runs; a body that grows past it fails the guest's read with {@code
 *       HTTP-request-body-size};
 *   <li>no instance at hand and the memory budget ({@link WasiHttpConfig#memoryBudget()}) cannot
 *       hold a new one: 503, before the guest runs.
 * </ul>
 *
 * {@code handle} never throws for guest faults. A guest calling {@code wasi:cli/exit} with {@code
 * ok} ends like a return; with {@code err}, like a trap.
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
 * opens the body), so the guest never blocks on the client unless it calls a blocking read. The
 * handler owns these threads; {@link #close} stops the pools (idle threads also end by themselves).
 */
public final class WasiHttpHandler implements ExchangeHandler, AutoCloseable {
  private final InstancePool<RequestData> pool;
  private final HandlerMetrics metrics = new HandlerMetrics();
  private final WasiHttpConfig config;
  private final HttpResources http;
  private final FieldRules rules;
  private final ExecutorService readers;
  private final ScheduledExecutorService deadlines;
  private final String tag;
  private final OutgoingHandler outgoing;
  private final MemoryBudget hostMemory = MemoryBudget.counting("host memory", null);

  private WasiHttpHandler(
      InstancePre<RequestData> pre,
      InstanceLimits limits,
      WasiHttpConfig config,
      HttpResources http,
      OutgoingHandler outgoing) {
    this.pool = new InstancePool<>(pre, config.pool(), limits);
    this.config = config;
    this.http = http;
    this.rules = new FieldRules(config.forbiddenHeaders(), config.maxFieldSize());
    this.tag = "[" + config.componentName() + "] ";
    this.readers = Threads.readers(config.componentName());
    this.deadlines = Threads.deadlines(config.componentName());
    this.outgoing = outgoing;
    if (config.pool().maxIdle() > 0) {
      long every = Math.max(1, config.pool().idleTimeout().toMillis() / 2);
      deadlines.scheduleWithFixedDelay(pool::evictIdle, every, every, TimeUnit.MILLISECONDS);
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

  /** The configuration this handler was created with. */
  public WasiHttpConfig config() {
    return config;
  }

  /**
   * Runs one request: takes an instance from the pool (or instantiates one), calls {@code
   * wasi:http/incoming-handler.handle} and ends {@code exchange} by its contract. Never throws for
   * guest faults. A failed write to {@code exchange} is the guest's to see (a failed stream
   * operation); any other exception {@code exchange} throws while the guest runs ends the request
   * like a trap and is logged at {@code ERROR}; one thrown by its {@code fail} or {@code abort}
   * propagates.
   */
  @Override
  public void handle(HttpExchange exchange) {
    String tooLarge = BodyLimit.refusal(exchange, config.maxBody());
    if (tooLarge != null) {
      GuardedExchange.of(exchange, config.log(), tag).fail(413, tooLarge); // no instance taken
      metrics.count(HandlerMetrics.ofStatus(413));
      return;
    }
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
    Deadline deadline = Deadline.start(deadlines, config.timeout());
    String ending = null;
    String refused = null;
    HandlerMetrics.Outcome fault = null;
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
      ending = "host error: " + f.getCause();
      config.log().log(
          LogSink.Level.ERROR, tag + "host error under a guest call: " + trace(f.getCause()));
    } catch (Trap t) {
      ending = deadline.expired() ? "guest timed out" : Endings.describe(t);
    } catch (ComponentException e) {
      ending = "instantiation failed: " + e.getMessage();
    } catch (ResourceExhausted e) {
      refused = "no memory for another instance: " + e.getMessage();
    } catch (RuntimeException e) {
      ending = "host error: " + e;
      config.log().log(LogSink.Level.ERROR, tag + "host error while handling a request: " + e);
    } finally {
      if (instance != null) {
        metrics.guestTime(System.nanoTime() - called);
      }
      deadline.end();
      if (instance != null) {
        pool.release(instance, reusable && !deadline.expired());
      }
    }
    if (ending != null && instance != null) {
      fault = deadline.expired() ? HandlerMetrics.Outcome.TIMEOUT : HandlerMetrics.Outcome.TRAP;
    } else if (refused != null) {
      fault = HandlerMetrics.Outcome.REJECTED;
    }
    GuardedExchange guarded = state.exchange();
    try {
      if (refused != null) {
        guarded.fail(503, refused); // capacity, not a fault: another try may succeed
      } else if (ending == null) {
        guarded.returned(
            "the guest returned without calling response-outparam.set",
            "the guest returned without finishing the outgoing-body");
      } else {
        guarded.faulted(ending);
      }
    } finally {
      metrics.count(outcome(fault, guarded));
      Endings.release(state, instanceData, config.log(), tag);
      requestMemory.close(); // what a body still held when the request ended
    }
  }

  /** The request's one outcome: the fault that ended it, else how the response ended. */
  private static HandlerMetrics.Outcome outcome(
      HandlerMetrics.Outcome fault, GuardedExchange exchange) {
    if (fault != null) {
      return fault;
    }
    return switch (exchange.state()) {
      case ABORTED, COMMITTED, UNCOMMITTED -> HandlerMetrics.Outcome.ABORTED;
      case FINISHED, FAILED -> HandlerMetrics.ofStatus(exchange.status());
    };
  }

  /**
   * The handler's counters (requests by outcome, guest and instantiation time) with what it holds
   * now (instances in use and pooled, their memory).
   */
  public HandlerMetrics.Snapshot metrics() {
    InstancePool.Stats stats = pool.stats();
    return metrics.snapshot(stats.inUse(), stats.idle(), stats.memory(), hostMemory.used());
  }

  /** The exception and its stack, for a log line about a bug of the host's. */
  private static String trace(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out.toString().stripTrailing();
  }

  /**
   * Stops the handler's threads and closes its outgoing handler (which stops a client it created; a
   * supplied one keeps running). Requests in flight end; later calls must not be made.
   */
  @Override
  public void close() {
    pool.close();
    outgoing.close();
    readers.shutdownNow();
    deadlines.shutdownNow();
  }
}
