package dev.wasihttp.http.client;

import dev.wasihttp.http.HttpField;
import dev.wasihttp.http.IncomingRequestHead;
import java.util.List;

/**
 * An outgoing request as the host hands it to an {@link OutgoingHandler}: built by the guest,
 * validated, and checked against the outbound policy's names.
 *
 * @param method the method, e.g. {@code GET} or an extension token
 * @param scheme {@code http} or {@code https}, lower case ({@code https} when the guest set none)
 * @param authority {@code host[:port]} as the guest set it; the request's {@code Host}
 * @param host the authority's host (an IPv6 literal keeps its brackets)
 * @param port the authority's port, else the scheme's default (80, 443)
 * @param pathWithQuery the origin-form target; never empty ({@code /} for an empty path)
 * @param headers the header fields in the guest's order (forbidden names were refused)
 * @param body the body the guest took with {@code outgoing-request.body} (made by the handler's
 *     {@link OutgoingHandler#body}), or null: none
 * @param options the guest's {@code request-options}; a timeout it left unset is null
 * @param incoming the request line and fields of the incoming request whose guest sends this one
 *     (e.g. to route a request to the server's own origin); a copy, so a handler on another thread
 *     cannot touch the exchange. The destination is {@link #authority()}, never the incoming {@code
 *     Host} (Spin's CVE-2024-32980: a client's {@code Host: evil} steered "self" requests).
 */
public record OutgoingRequest(
    String method,
    String scheme,
    String authority,
    String host,
    int port,
    String pathWithQuery,
    List<HttpField> headers,
    OutgoingBody body,
    RequestOptions options,
    IncomingRequestHead incoming) {
  public OutgoingRequest {
    headers = List.copyOf(headers);
  }
}
