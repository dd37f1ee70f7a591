package dev.wasihttp.http.client;

import dev.wasihttp.component.values.Val;

/**
 * Values of the WIT {@code error-code} variant ({@code wasi:http/types}), as the host and {@link
 * OutgoingHandler}s produce them, and the HTTP status each answers when a guest sets it as its
 * response.
 */
public final class ErrorCodes {
  private ErrorCodes() {}

  /** A case without payload, e.g. {@code HTTP-request-denied}. */
  public static Val.Variant of(String caseName) {
    return new Val.Variant(caseName, null);
  }

  /** {@code HTTP-response-body-size(some(n))}. */
  public static Val.Variant responseBodySize(long n) {
    return new Val.Variant("HTTP-response-body-size", Val.Option.some(new Val.U64(n)));
  }

  /** {@code internal-error(some(message))}. */
  public static Val.Variant internal(String message) {
    return new Val.Variant(
        "internal-error",
        message == null ? Val.Option.none() : Val.Option.some(new Val.Str(message)));
  }

  /** {@code HTTP-request-body-size(some(n))}. */
  public static Val.Variant requestBodySize(long n) {
    return new Val.Variant("HTTP-request-body-size", Val.Option.some(new Val.U64(n)));
  }

  /**
   * The status to answer when a guest calls {@code response-outparam.set(err(code))}: 4xx for the
   * request-side cases that describe the client's request, 504 for timeouts, 502 for failures of an
   * upstream (DNS, connection, TLS, response), 508 for {@code loop-detected}, else 500.
   */
  public static int status(Val code) {
    String c = code instanceof Val.Variant v ? v.caseName() : "";
    switch (c) {
      case "HTTP-request-denied":
        return 403;
      case "HTTP-request-length-required":
        return 411;
      case "HTTP-request-body-size":
        return 413;
      case "HTTP-request-method-invalid":
        return 405;
      case "HTTP-request-URI-invalid":
      case "HTTP-request-trailer-section-size":
      case "HTTP-request-trailer-size":
        return 400;
      case "HTTP-request-URI-too-long":
        return 414;
      case "HTTP-request-header-section-size":
      case "HTTP-request-header-size":
        return 431;
      case "DNS-timeout":
      case "connection-timeout":
      case "connection-read-timeout":
      case "connection-write-timeout":
      case "HTTP-response-timeout":
        return 504;
      case "loop-detected":
        return 508;
      case "configuration-error":
      case "internal-error":
        return 500;
      default:
        return c.startsWith("DNS-")
                || c.startsWith("destination-")
                || c.startsWith("connection-")
                || c.startsWith("TLS-")
                || c.startsWith("HTTP-response-")
                || c.equals("HTTP-protocol-error")
                || c.equals("HTTP-upgrade-failed")
            ? 502
            : 500;
    }
  }
}
