package dev.wasihttp.http.internal;

import dev.wasihttp.component.host.ResourceTable;
import dev.wasihttp.http.client.BodySource;

/**
 * The host state behind {@code wasi:http/types.incoming-response}: a response to an outgoing
 * request.
 */
final class HostIncomingResponse implements AutoCloseable, ResourceTable.Sized {
  final int status;
  final HostFields headers;
  final BodySource body;
  boolean consumed;

  HostIncomingResponse(int status, HostFields headers, BodySource body) {
    this.status = status;
    this.headers = headers;
    this.body = body;
  }

  /** Its headers' bytes, held for the guest with it. */
  @Override
  public long hostBytes() {
    return headers.size();
  }

  /** Dropped without taking its body: the response is abandoned. */
  @Override
  public void close() {
    if (!consumed && body != null) {
      body.cancel();
    }
  }
}
