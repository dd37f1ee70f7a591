package dev.wasihttp.http.client;

import java.time.Duration;

/**
 * A guest's {@code request-options}: the timeouts it set for one outgoing request, each null when
 * left unset (the {@link OutgoingHandler}'s default applies).
 *
 * @param connectTimeout how long connecting may take
 * @param firstByteTimeout how long the response head may take once connected
 * @param betweenBytesTimeout how long the connection may stay silent while the body streams
 */
public record RequestOptions(
    Duration connectTimeout, Duration firstByteTimeout, Duration betweenBytesTimeout) {
  /** No timeout set. */
  public static final RequestOptions NONE = new RequestOptions(null, null, null);
}
