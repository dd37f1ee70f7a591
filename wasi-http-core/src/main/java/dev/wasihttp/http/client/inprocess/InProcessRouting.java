package dev.wasihttp.http.client.inprocess;

import dev.wasihttp.http.client.OutgoingHandler;
import dev.wasihttp.http.client.inprocess.internal.RoutingOutgoingHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An {@link OutgoingHandler.Factory} that serves some of a guest's outgoing requests in process and
 * sends the rest with another factory's handler (by default Jetty's): the request of the first
 * {@link InProcessRoute} whose matcher takes it goes, without a socket, to that route's {@link
 * dev.wasihttp.http.ExchangeHandler}, on a thread of the route's, streaming both ways; its response
 * becomes the guest's {@code future-incoming-response}.
 *
 * <pre>{@code
 * WasiHttpHandler backend = WasiHttpHandler.create(backendComponent, backendConfig);
 * WasiHttpConfig front = WasiHttpConfig.builder()
 *     .outgoingHandler(InProcessRouting.of(
 *         List.of(InProcessRoute.to("backend", InProcessRoute.host("backend"), backend, 32)),
 *         JettyOutgoingHandler.defaults()))
 *     .build();
 * }</pre>
 *
 * <p>What the in-process handler sees is an exchange whose request is the guest's (method, scheme,
 * authority, target, fields; the body as the guest writes it, then its trailers) and whose client
 * is the guest:
 *
 * <ul>
 *   <li>both bodies stream through bounded buffers (1 MiB of request body ahead of the handler, as
 *       the Jetty handler's window; 256 KiB of response body ahead of the guest): a handler's
 *       response write waits while the guest has not read, a guest's {@code check-write} grants
 *       nothing while the handler has not read, and each side's progress wakes the other;
 *   <li>its response (status, fields, body, trailers) is the guest's incoming response; an error
 *       status it answers instead ({@code fail}: a 503 with {@code Retry-After} when it is busy, a
 *       413 for a body over its limit) is a response too, with an empty body; a handler that gives
 *       no answer (a guest that traps or returns without responding, a Java handler that throws,
 *       the handler's deadline) fails the request: {@code connection-terminated}, or {@code
 *       HTTP-response-timeout} after its deadline; a response it aborts after it began fails the
 *       guest's read with {@code HTTP-response-incomplete};
 *   <li>when the guest drops the future, the response body before its end or the request body
 *       unfinished, or its instance ends (a trap, its deadline), the handler's client goes away:
 *       its reads and writes fail; once the handler returned, request body bytes the guest still
 *       writes are dropped;
 *   <li>the handler's own limits apply (its deadline, concurrency, body size); its failures reach
 *       the guest as above and never the guest's thread.
 * </ul>
 *
 * <p>The outbound policy does not apply to requests served in process: they open no connection
 * ({@link OutgoingHandler#servesInProcess}). Requests the routes do not take go to the delegate's
 * handler under the policy, as without routing.
 *
 * <p>Immutable; each {@code WasiHttpHandler} it serves gets an {@link OutgoingHandler} of its own,
 * with the delegate's handler and its own route threads, which its {@code close()} stops.
 */
public final class InProcessRouting implements OutgoingHandler.Factory {
  private final List<InProcessRoute> routes;
  private final OutgoingHandler.Factory delegate;

  private InProcessRouting(List<InProcessRoute> routes, OutgoingHandler.Factory delegate) {
    this.routes = List.copyOf(routes);
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /**
   * Routing to {@code routes}, the first match winning, and every other request to {@code
   * delegate}'s handlers.
   */
  public static InProcessRouting of(List<InProcessRoute> routes, OutgoingHandler.Factory delegate) {
    return new InProcessRouting(routes, delegate);
  }

  /** The routes, in the order they are tried. */
  public List<InProcessRoute> routes() {
    return routes;
  }

  /** What makes the handler of the requests no route takes. */
  public OutgoingHandler.Factory delegate() {
    return delegate;
  }

  /**
   * A routing handler for one {@code WasiHttpHandler}, with the delegate's handler made for the
   * same {@code context} (an exception from it fails the creation).
   */
  @Override
  public OutgoingHandler create(OutgoingHandler.Context context) {
    List<RoutingOutgoingHandler.Destination> destinations = new ArrayList<>();
    for (InProcessRoute r : routes) {
      destinations.add(
          new RoutingOutgoingHandler.Destination(
              r.name(), r.matcher(), r.handler(), r.executor(), r.maxThreads()));
    }
    return new RoutingOutgoingHandler(destinations, delegate.create(context), context);
  }

  @Override
  public String toString() {
    return "InProcessRouting{routes=" + routes + ", delegate=" + delegate + "}";
  }
}
