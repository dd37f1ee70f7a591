package dev.wasihttp.http.client;

import dev.wasihttp.http.LogSink;
import dev.wasihttp.wasi.io.Waker;

/**
 * Sends a guest's outgoing requests ({@code wasi:http/outgoing-handler.handle}): the extension
 * point behind every request a component makes. {@link
 * dev.wasihttp.http.client.jetty.JettyOutgoingHandler} is the default; an implementation may route
 * some requests elsewhere (to the server's own origin, in process) and delegate the rest to it, as
 * {@link dev.wasihttp.http.client.inprocess.InProcessRouting} does. A body is made by {@link #body}
 * before the request's target is known, and a handler sends only bodies its own {@code body} made
 * (the Jetty handler answers a body it did not make with {@code internal-error}): a handler that
 * routes makes a body of its own that holds what the guest writes before {@link #handle}, then
 * binds it to the in-process destination or replays it into a body the delegate makes there.
 *
 * <p>Lifecycle: the handler's configuration holds a {@link Factory}; each {@code WasiHttpHandler}
 * gets its own {@code OutgoingHandler} from it when it is created, and closes it when it is closed.
 *
 * <p>What the host does whatever the implementation: it builds and validates the request as the
 * guest sets it (method, scheme, authority, path, fields whose forbidden names it refuses); then,
 * before {@link #handle}, a scheme other than {@code http}/{@code https} is {@code
 * HTTP-protocol-error}, a missing authority or path {@code HTTP-request-URI-invalid}, and a
 * destination {@link OutboundPolicy#allows} refuses is {@code HTTP-request-denied}, logged at
 * {@code WARN}: such a request never reaches the implementation, and its body is dropped. A request
 * the implementation serves in process ({@link #servesInProcess}) is exempt from the policy, which
 * is about the network: it opens no connection. The name check cannot see where DNS points, so an
 * implementation that resolves host names must refuse, before connecting, every address {@link
 * OutboundPolicy#allowsAddress} refuses ({@link Context#policy()}), with {@code
 * HTTP-request-denied}.
 *
 * <p>Threads: {@link #body} and {@link #handle} are called on the guest's thread, by many requests
 * at once, and must not wait for the network; implementations are thread-safe. The response is
 * completed from any thread.
 *
 * <p>Errors: a failure the spec defines (DNS, connection, TLS, timeouts, protocol, sizes) is an
 * {@code error-code} value ({@link ErrorCodes}), never an exception: given to {@link
 * FutureIncomingResponse#fail} before the response head, reported by the response's {@link
 * BodySource} after it, and by the request's {@link OutgoingBody} for its writes. An exception
 * thrown by a method here is a fault of the host: the guest's request ends with a 500 or an abort,
 * logged at {@code ERROR}.
 */
public interface OutgoingHandler extends AutoCloseable {
  /**
   * The body of an outgoing request the guest is building ({@code outgoing-request.body}): asked
   * for before {@link #handle}, perhaps before the request's target is set, and written by the
   * guest before and after it. Whatever changes the body's {@link OutgoingBody#writeReady()} from
   * another thread wakes {@code waker}.
   *
   * @param declaredLength the request's {@code content-length}, or null: none
   */
  OutgoingBody body(Long declaredLength, Waker waker);

  /**
   * Sends {@code request} and completes {@code response} exactly once, from any thread: {@link
   * FutureIncomingResponse#respond} when the response head arrives, else {@link
   * FutureIncomingResponse#fail} with an {@code error-code}. Returns without waiting for the
   * network. {@code request.body()} is null or a body this handler's {@link #body} made.
   */
  void handle(OutgoingRequest request, FutureIncomingResponse response);

  /**
   * Whether {@link #handle} serves {@code request} in process, without the network: the host then
   * does not apply the outbound policy to it. Asked on the guest's thread just before {@link
   * #handle}, with the same request; must not throw or wait. The default: false, every request goes
   * to the network.
   */
  default boolean servesInProcess(OutgoingRequest request) {
    return false;
  }

  /**
   * Releases what this handler holds (a client it created, its threads); requests in flight fail.
   * Called once, when its {@code WasiHttpHandler} closes. The default does nothing.
   */
  @Override
  default void close() {}

  /**
   * What the handler's configuration holds: makes the {@code OutgoingHandler} of each {@code
   * WasiHttpHandler}. Immutable and shareable between configurations.
   */
  @FunctionalInterface
  interface Factory {
    /**
     * The outgoing handler of one {@code WasiHttpHandler}, called while that handler is created; an
     * exception fails its creation (e.g. a client that cannot start).
     */
    OutgoingHandler create(Context context);
  }

  /**
   * What an outgoing handler is made for.
   *
   * @param policy where requests may go: the host has checked each request's name against it;
   *     resolved addresses are the implementation's to check
   * @param maxFieldSize the most bytes one {@code fields} object may hold ({@link
   *     dev.wasihttp.http.HttpField#SIZE_OVERHEAD} per field included): the cap of a response's
   *     header section and of its trailer section
   * @param log where the handler's log lines go
   * @param componentName the component's name, which starts every log line as {@code [name]}
   */
  record Context(OutboundPolicy policy, int maxFieldSize, LogSink log, String componentName) {}
}
