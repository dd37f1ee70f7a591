package dev.wasihttp.http.internal;

import dev.wasihttp.http.client.RequestOptions;
import java.time.Duration;

/**
 * The host state behind {@code wasi:http/types.request-options}: timeouts in nanoseconds, null when
 * not set.
 */
final class HostRequestOptions {
  Long connectTimeout;
  Long firstByteTimeout;
  Long betweenBytesTimeout;

  /** The options as the outgoing handler sees them. */
  RequestOptions toOptions() {
    return new RequestOptions(
        duration(connectTimeout), duration(firstByteTimeout), duration(betweenBytesTimeout));
  }

  private static Duration duration(Long nanos) {
    return nanos == null ? null : Duration.ofNanos(nanos);
  }
}
