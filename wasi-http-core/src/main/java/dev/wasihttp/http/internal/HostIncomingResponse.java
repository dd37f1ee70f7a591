package dev.wasihttp.http.internal;

/**
 * The host state behind {@code wasi:http/types.incoming-response}: a response to an outgoing
 * request. The outgoing handler does not create any yet.
 */
public final class HostIncomingResponse {
  final int status;
  final HostFields headers;
  final IncomingBodyReader body;
  boolean consumed;

  public HostIncomingResponse(int status, HostFields headers, IncomingBodyReader body) {
    this.status = status;
    this.headers = headers;
    this.body = body;
  }
}
