package dev.wasihttp.http.internal;

/**
 * The host state behind {@code wasi:http/types.request-options}: timeouts in nanoseconds, null when
 * not set.
 */
public final class HostRequestOptions {
  Long connectTimeout;
  Long firstByteTimeout;
  Long betweenBytesTimeout;

  /** {@code connect-timeout} in nanoseconds, or null. */
  public Long connectTimeout() {
    return connectTimeout;
  }

  /** {@code first-byte-timeout} in nanoseconds, or null. */
  public Long firstByteTimeout() {
    return firstByteTimeout;
  }

  /** {@code between-bytes-timeout} in nanoseconds, or null. */
  public Long betweenBytesTimeout() {
    return betweenBytesTimeout;
  }
}
