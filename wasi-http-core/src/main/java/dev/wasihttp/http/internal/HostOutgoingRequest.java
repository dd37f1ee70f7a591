package dev.wasihttp.http.internal;

/**
 * The host state behind {@code wasi:http/types.outgoing-request}: built and validated here; sent by
 * {@code wasi:http/outgoing-handler} (which, until the outgoing handler exists, denies every
 * request).
 */
public final class HostOutgoingRequest {
  final HostFields headers;
  String method = "GET";
  String scheme;
  String authority;
  String pathWithQuery;
  boolean bodyTaken;

  public HostOutgoingRequest(HostFields headers) {
    this.headers = headers;
  }
}
