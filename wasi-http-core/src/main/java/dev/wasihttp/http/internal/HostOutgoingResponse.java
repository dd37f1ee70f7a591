package dev.wasihttp.http.internal;

/**
 * The host state behind {@code wasi:http/types.outgoing-response}: status (200 until set), headers
 * (frozen when handed to the constructor) and the body, handed out once.
 */
public final class HostOutgoingResponse {
  final HostFields headers;
  int status = 200;
  HostOutgoingBody body;
  boolean bodyTaken;

  public HostOutgoingResponse(HostFields headers) {
    this.headers = headers;
  }
}
