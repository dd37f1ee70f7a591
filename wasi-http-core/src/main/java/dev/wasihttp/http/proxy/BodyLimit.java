package dev.wasihttp.http.proxy;

import dev.wasihttp.http.HttpExchange;
import dev.wasihttp.http.HttpField;

/** The request body's limit as the request's head declares it, checked before the guest runs. */
final class BodyLimit {
  private BodyLimit() {}

  /**
   * Why {@code exchange}'s request is refused, when its {@code content-length} declares more than
   * {@code maxBody} bytes; null when it declares no more, or no length (the body is then counted as
   * it arrives).
   */
  static String refusal(HttpExchange exchange, long maxBody) {
    long declared = declaredLength(exchange);
    if (declared <= maxBody) {
      return null;
    }
    return "the request body of "
        + (declared == Long.MAX_VALUE ? "more than " + Long.MAX_VALUE : declared)
        + " bytes declared is over the limit of "
        + maxBody
        + " bytes";
  }

  /**
   * The first {@code content-length}, or -1 when there is none or it is not a number (a container
   * refuses such a request itself); a number too large for a long is {@link Long#MAX_VALUE}.
   */
  static long declaredLength(HttpExchange exchange) {
    for (HttpField f : exchange.requestHeaders()) {
      if (f.name().equalsIgnoreCase("content-length")) {
        String v = f.latin1Value().trim();
        if (v.isEmpty() || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
          return -1;
        }
        try {
          return Long.parseLong(v);
        } catch (NumberFormatException e) {
          return Long.MAX_VALUE; // digits only: too large
        }
      }
    }
    return -1;
  }
}
