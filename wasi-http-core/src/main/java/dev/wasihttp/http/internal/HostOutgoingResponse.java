package dev.wasihttp.http.internal;

import dev.wasihttp.component.host.ResourceTable;

/**
 * The host state behind {@code wasi:http/types.outgoing-response}: status (200 until set), headers
 * (frozen when handed to the constructor) and the body, handed out once.
 */
final class HostOutgoingResponse implements ResourceTable.Sized {
  final HostFields headers;
  int status = 200;
  OutgoingResponseBody body;
  boolean bodyTaken;

  HostOutgoingResponse(HostFields headers) {
    this.headers = headers;
  }

  /** Its headers' bytes, held for the guest with it. */
  @Override
  public long hostBytes() {
    return headers.size();
  }

  /**
   * Whether this response's body is exempt from the {@code content-length} count, its bytes
   * discarded: the response to a HEAD request, a 204 or a 304 has no body (RFC 9110 §6.4.1), while
   * its {@code content-length} describes the body a GET would have had (§8.6).
   */
  boolean bodyExempt(String requestMethod) {
    return requestMethod.equals("HEAD") || status == 204 || status == 304;
  }
}
