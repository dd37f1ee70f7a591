package dev.wasihttp.http.internal;

import dev.wasihttp.http.client.BodySource;

/**
 * The host state behind {@code wasi:http/types.future-trailers}: the request trailers, ready when
 * the body reader reaches the end. {@code get} gives none until then, the result once, then an
 * error.
 */
final class HostFutureTrailers {
  final BodySource reader;
  boolean delivered;

  HostFutureTrailers(BodySource reader) {
    this.reader = reader;
  }
}
