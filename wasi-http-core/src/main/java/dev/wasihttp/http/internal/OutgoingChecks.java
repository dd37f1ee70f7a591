package dev.wasihttp.http.internal;

import dev.wasihttp.http.IncomingRequestHead;
import dev.wasihttp.http.LogSink;
import dev.wasihttp.http.client.ErrorCodes;
import dev.wasihttp.http.client.OutgoingRequest;
import dev.wasihttp.http.client.RequestOptions;
import java.util.Locale;

/**
 * What every outgoing request passes before an outgoing handler sees it, whatever the handler: a
 * scheme the host sends, a target, and the outbound policy's name check. So the policy holds for
 * any {@link dev.wasihttp.http.client.OutgoingHandler}, not only the default one, for every request
 * that goes to the network.
 */
final class OutgoingChecks {
  private OutgoingChecks() {}

  /**
   * The request as the outgoing handler sees it, or null after failing {@code future}: no scheme
   * means {@code https}; another scheme than http/https is {@code HTTP-protocol-error}; a missing
   * authority or path {@code HTTP-request-URI-invalid}; a destination the policy refuses {@code
   * HTTP-request-denied}, logged, unless the outgoing handler serves it in process ({@link
   * dev.wasihttp.http.client.OutgoingHandler#servesInProcess}). A refused request's body is
   * dropped.
   */
  static OutgoingRequest admit(
      HttpState s,
      HostOutgoingRequest q,
      HostRequestOptions options,
      HostFutureIncomingResponse future) {
    String scheme = q.scheme == null ? "https" : q.scheme.toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return refuse(future, q, "HTTP-protocol-error");
    }
    if (q.authority == null || q.pathWithQuery == null || q.authority.isEmpty()) {
      return refuse(future, q, "HTTP-request-URI-invalid");
    }
    String host = q.authority;
    int port = scheme.equals("http") ? 80 : 443;
    int colon = host.lastIndexOf(':');
    if (colon >= 0 && colon > host.lastIndexOf(']')) {
      port = Integer.parseInt(host.substring(colon + 1)); // set-authority checked the syntax
      host = host.substring(0, colon);
    }
    if (host.isEmpty()) {
      return refuse(future, q, "HTTP-request-URI-invalid");
    }
    OutgoingRequest request =
        new OutgoingRequest(
            q.method,
            scheme,
            q.authority,
            host,
            port,
            q.pathWithQuery.isEmpty() ? "/" : q.pathWithQuery,
            q.headers.toHttpFields(),
            q.body,
            options == null ? RequestOptions.NONE : options.toOptions(),
            IncomingRequestHead.of(s.exchange));
    // A destination served in process opens no connection: the policy is about the network.
    if (!s.outgoing.servesInProcess(request) && !s.policy.allows(scheme, host, port)) {
      s.log.log(
          LogSink.Level.WARN,
          s.tag + "outgoing request to " + scheme + "://" + q.authority + " denied by policy");
      return refuse(future, q, "HTTP-request-denied");
    }
    return request;
  }

  private static OutgoingRequest refuse(
      HostFutureIncomingResponse future, HostOutgoingRequest q, String code) {
    if (q.body != null) {
      q.body.dropped();
    }
    future.fail(ErrorCodes.of(code));
    return null;
  }
}
