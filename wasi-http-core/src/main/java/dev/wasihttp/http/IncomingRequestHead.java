package dev.wasihttp.http;

import java.util.List;

/**
 * The request line and header fields of an incoming request, as the container received them: a
 * read-only copy of an {@link HttpExchange}'s request side, for code that must know which request
 * it serves but must not touch the exchange itself (an outgoing-request handler deciding whether a
 * guest's request goes to the server's own origin, for example). Its body and trailers are not part
 * of it: they belong to the guest.
 *
 * @param method the method as received
 * @param scheme {@code http} or {@code https}
 * @param authority the authority the client addressed, or null
 * @param pathWithQuery the raw request target
 * @param headers the header fields in the order received
 */
public record IncomingRequestHead(
    String method, String scheme, String authority, String pathWithQuery, List<HttpField> headers) {
  public IncomingRequestHead {
    headers = List.copyOf(headers);
  }

  /** A copy of {@code exchange}'s request line and header fields. */
  public static IncomingRequestHead of(HttpExchange exchange) {
    return new IncomingRequestHead(
        exchange.method(),
        exchange.scheme(),
        exchange.authority(),
        exchange.pathWithQuery(),
        exchange.requestHeaders());
  }
}
