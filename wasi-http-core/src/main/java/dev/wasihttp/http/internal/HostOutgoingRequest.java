package dev.wasihttp.http.internal;

import dev.wasihttp.http.HttpField;
import java.util.List;

/**
 * The host state behind {@code wasi:http/types.outgoing-request}: built and validated by the guest
 * on its thread, then sent by {@code wasi:http/outgoing-handler.handle} through the handler's
 * {@link OutgoingHandler} (which reads it with the accessors here).
 */
public final class HostOutgoingRequest {
  final HostFields headers;
  String method = "GET";
  String scheme;
  String authority;
  String pathWithQuery;
  boolean bodyTaken;
  OutgoingBody body;

  public HostOutgoingRequest(HostFields headers) {
    this.headers = headers;
  }

  /** The method, e.g. {@code GET} or an extension token. */
  public String method() {
    return method;
  }

  /** {@code HTTP}, {@code HTTPS} or another scheme as set, or null (none set). */
  public String scheme() {
    return scheme;
  }

  /** {@code host[:port]}, or null. */
  public String authority() {
    return authority;
  }

  /** The origin-form target, or null. */
  public String pathWithQuery() {
    return pathWithQuery;
  }

  /** The headers (immutable since {@code outgoing-request.new}; forbidden names were refused). */
  public List<HttpField> headers() {
    return headers.toHttpFields();
  }

  /** The body the guest took with {@code outgoing-request.body}, or null: no body. */
  public OutgoingBody body() {
    return body;
  }
}
