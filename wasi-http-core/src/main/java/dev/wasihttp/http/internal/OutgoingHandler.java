package dev.wasihttp.http.internal;

import dev.wasihttp.wasi.io.Waker;

/**
 * What sends a guest's outgoing requests ({@code wasi:http/outgoing-handler}). Without one, every
 * request is denied with {@code HTTP-request-denied}. Thread-safe: one per handler, shared by its
 * requests.
 */
public interface OutgoingHandler {
  /**
   * The body of {@code request} ({@code outgoing-request.body}), which the guest may write before
   * and after {@link #handle}; its producers wake {@code waker}.
   */
  OutgoingBody body(HostOutgoingRequest request, Long declaredLength, Waker waker);

  /**
   * Sends {@code request} ({@code options} may be null) and completes {@code future} from any
   * thread; never throws for a network failure (the future fails with an {@code error-code}).
   */
  void handle(
      HostOutgoingRequest request, HostRequestOptions options, HostFutureIncomingResponse future);
}
