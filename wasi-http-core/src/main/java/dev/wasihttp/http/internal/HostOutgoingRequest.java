package dev.wasihttp.http.internal;

import dev.wasihttp.component.host.ResourceTable;
import dev.wasihttp.http.client.OutgoingBody;

/**
 * The host state behind {@code wasi:http/types.outgoing-request}: built and validated by the guest
 * on its thread, then checked and handed to the outgoing handler as an {@link
 * dev.wasihttp.http.client.OutgoingRequest} by {@code wasi:http/outgoing-handler.handle} ({@link
 * OutgoingChecks}).
 */
final class HostOutgoingRequest implements ResourceTable.Sized {
  final HostFields headers;
  String method = "GET";
  String scheme;
  String authority;
  String pathWithQuery;
  boolean bodyTaken;
  OutgoingBody body;

  HostOutgoingRequest(HostFields headers) {
    this.headers = headers;
  }

  /** Its headers' bytes, held for the guest with it. */
  @Override
  public long hostBytes() {
    return headers.size();
  }
}
