package dev.wasihttp.http.internal;

/**
 * The host state behind {@code wasi:http/types.request-options}: timeouts in nanoseconds, null when
 * not set.
 */
public final class HostRequestOptions {
  Long connectTimeout;
  Long firstByteTimeout;
  Long betweenBytesTimeout;
}
