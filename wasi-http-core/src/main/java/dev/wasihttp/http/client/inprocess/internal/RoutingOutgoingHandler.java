package dev.wasihttp.http.client.inprocess.internal;

import dev.wasihttp.http.ExchangeHandler;
import dev.wasihttp.http.HttpField;
import dev.wasihttp.http.LogSink;
import dev.wasihttp.http.client.ErrorCodes;
import dev.wasihttp.http.client.FutureIncomingResponse;
import dev.wasihttp.http.client.OutgoingBody;
import dev.wasihttp.http.client.OutgoingHandler;
import dev.wasihttp.http.client.OutgoingRequest;
import dev.wasihttp.wasi.io.Waker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The outgoing handler {@link dev.wasihttp.http.client.inprocess.InProcessRouting} makes for one
 * {@code WasiHttpHandler}: it serves the requests its destinations match in process ({@link
 * InProcessExchange}, on the destination's thread) and hands the rest to the delegate handler,
 * whose contract and policy they keep. Bodies are {@link RoutedRequestBody}s, bound when the
 * request is handled.
 *
 * <p>Thread-safe; {@link #close} stops the threads it owns (those running a request end with it)
 * and closes the delegate.
 */
public final class RoutingOutgoingHandler implements OutgoingHandler {
  /** 1: the {@code Retry-After} seconds of a 503 for a request no thread could take. */
  static final int RETRY_AFTER_SECONDS = 1;

  /** 30 s: how long an idle thread of a destination's own pool stays. */
  static final long IDLE_SECONDS = 30;

  /** 1 s: the least time between two log lines about requests no thread could take. */
  static final long REFUSAL_LOG_NANOS = TimeUnit.SECONDS.toNanos(1);

  private static final List<HttpField> RETRY_AFTER =
      List.of(HttpField.latin1("Retry-After", Integer.toString(RETRY_AFTER_SECONDS)));

  /**
   * A route as the public {@code InProcessRoute} describes it: a name, which requests, their
   * handler, and the caller's executor or (null) a pool of {@code maxThreads} of this handler's
   * own.
   */
  public record Destination(
      String name,
      Predicate<OutgoingRequest> matcher,
      ExchangeHandler handler,
      Executor executor,
      int maxThreads) {}

  /** A destination with the executor its requests run on. */
  private record Route(Destination destination, Executor executor, String tag) {}

  private final List<Route> routes = new ArrayList<>();
  private final List<ExecutorService> owned = new ArrayList<>();
  private final OutgoingHandler delegate;
  private final LogSink log;
  private final String tag;
  private final int maxFieldSize;
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong nextRefusalLine = new AtomicLong(System.nanoTime());

  /** Routes to {@code destinations} in order, the rest to {@code delegate}, for {@code context}. */
  public RoutingOutgoingHandler(
      List<Destination> destinations, OutgoingHandler delegate, Context context) {
    this.delegate = delegate;
    this.log = context.log();
    this.tag = context.componentName().isEmpty() ? "" : "[" + context.componentName() + "] ";
    this.maxFieldSize = context.maxFieldSize();
    for (Destination d : destinations) {
      Executor executor = d.executor();
      if (executor == null) {
        ExecutorService pool = pool(context.componentName(), d);
        owned.add(pool);
        executor = pool;
      }
      routes.add(new Route(d, executor, "[" + d.name() + "] "));
    }
  }

  /** Daemon threads named after caller and destination, at most {@code d.maxThreads()}. */
  private static ExecutorService pool(String caller, Destination d) {
    AtomicInteger count = new AtomicInteger();
    String prefix = "wasi-http-" + (caller.isEmpty() ? "" : caller + "-to-") + d.name() + "-";
    ThreadFactory threads =
        r -> {
          Thread t = new Thread(r, prefix + count.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    // No queue: a request runs at once on a free thread, or is refused while all are busy.
    return new ThreadPoolExecutor(
        0, d.maxThreads(), IDLE_SECONDS, TimeUnit.SECONDS, new SynchronousQueue<>(), threads);
  }

  @Override
  public OutgoingBody body(Long declaredLength, Waker waker) {
    return new RoutedRequestBody(declaredLength, waker);
  }

  @Override
  public boolean servesInProcess(OutgoingRequest request) {
    return route(request) != null;
  }

  @Override
  public void handle(OutgoingRequest request, FutureIncomingResponse future) {
    OutgoingBody body = request.body();
    if (body != null && (!(body instanceof RoutedRequestBody routed) || routed.bound())) {
      log.log(LogSink.Level.ERROR, tag + "an outgoing request body not made for this request");
      body.dropped();
      future.fail(ErrorCodes.of("internal-error"));
      return;
    }
    RoutedRequestBody routed = (RoutedRequestBody) body;
    Route route = route(request);
    if (route == null) {
      delegate(request, routed, future);
      return;
    }
    BodyPipe pipe = routed == null ? BodyPipe.empty() : routed.pipe();
    InProcessExchange x = new InProcessExchange(request, pipe, future, maxFieldSize);
    future.onCancel(() -> x.callerGone("it dropped the response"));
    if (routed != null) {
      routed.bindInProcess(() -> x.callerGone("it broke the request body"));
    }
    Destination d = route.destination();
    try {
      route.executor().execute(() -> x.run(d.handler(), log, route.tag()));
    } catch (RejectedExecutionException e) {
      pipe.discard();
      refused(d);
      x.fail(503, RETRY_AFTER, "no thread free for " + d.name());
    }
  }

  /**
   * Sends a request no route takes with the delegate, its body replayed into one of the delegate's.
   */
  private void delegate(
      OutgoingRequest request, RoutedRequestBody routed, FutureIncomingResponse future) {
    if (routed == null) {
      delegate.handle(request, future);
      return;
    }
    OutgoingBody target;
    try {
      target = routed.bindTo(delegate);
    } catch (IllegalStateException e) {
      log.log(LogSink.Level.ERROR, tag + e.getMessage());
      future.fail(ErrorCodes.of("internal-error"));
      return;
    }
    delegate.handle(
        new OutgoingRequest(
            request.method(),
            request.scheme(),
            request.authority(),
            request.host(),
            request.port(),
            request.pathWithQuery(),
            request.headers(),
            target,
            request.options(),
            request.incoming()),
        future);
  }

  private Route route(OutgoingRequest request) {
    for (Route r : routes) {
      if (r.destination().matcher().test(request)) {
        return r;
      }
    }
    return null;
  }

  /** Logs a refusal at most once a second, with how many there were since the last line. */
  private void refused(Destination d) {
    long count = refused.incrementAndGet();
    long now = System.nanoTime();
    long next = nextRefusalLine.get();
    if (now - next >= 0 && nextRefusalLine.compareAndSet(next, now + REFUSAL_LOG_NANOS)) {
      refused.addAndGet(-count);
      log.log(
          LogSink.Level.WARN,
          tag
              + count
              + " in-process request(s) answered 503: "
              + (d.executor() == null
                  ? "all " + d.maxThreads() + " threads for " + d.name() + " busy"
                  : "the executor of " + d.name() + " refused them"));
    }
  }

  /** Stops the threads of this handler's own pools (running requests finish) and the delegate. */
  @Override
  public void close() {
    for (ExecutorService pool : owned) {
      pool.shutdown();
    }
    delegate.close();
  }
}
