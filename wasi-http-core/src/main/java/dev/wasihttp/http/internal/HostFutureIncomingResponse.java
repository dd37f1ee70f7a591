package dev.wasihttp.http.internal;

import dev.wasihttp.component.values.Val;

/**
 * The host state behind {@code wasi:http/types.future-incoming-response}: the result of an outgoing
 * request, given once by {@code get}. The outgoing handler does not create any yet.
 */
public final class HostFutureIncomingResponse {
  Val result;
  boolean delivered;
}
