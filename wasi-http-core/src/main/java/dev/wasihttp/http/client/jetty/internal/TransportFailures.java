package dev.wasihttp.http.client.jetty.internal;

import dev.wasihttp.component.values.Val;
import dev.wasihttp.http.client.ErrorCodes;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.eclipse.jetty.http.HttpException;

/** Transport failures as {@code error-code} values, the way Wasmtime maps them. */
final class TransportFailures {
  private TransportFailures() {}

  /** The policy refused a resolved address. */
  static final class Denied extends Exception {
    private static final long serialVersionUID = 1L;

    Denied(String message) {
      super(message, null, false, false);
    }
  }

  /** A request-options timeout fired: {@code connection-timeout} or a read timeout. */
  static final class Timeout extends TimeoutException {
    private static final long serialVersionUID = 1L;
    final boolean connecting;

    Timeout(String message, boolean connecting) {
      super(message);
      this.connecting = connecting;
    }
  }

  /** A response's header or trailer section went past the fields cap. */
  static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;
    final String errorCase;

    TooLarge(String errorCase) {
      super(errorCase, null);
      this.errorCase = errorCase;
    }
  }

  /** {@code errorCase} is {@code HTTP-response-header-section-size} or the trailer one. */
  static TooLarge tooLarge(String errorCase) {
    return new TooLarge(errorCase);
  }

  /**
   * The {@code error-code} of {@code failure}; {@code connected} tells whether a connection was
   * established (a timeout before it is {@code connection-timeout}, after it a read timeout).
   */
  static Val code(Throwable failure, boolean connected) {
    return code(failure, connected, false);
  }

  /**
   * The {@code error-code} of {@code failure}; {@code connected} tells whether a connection was
   * established (a timeout before it is {@code connection-timeout}, after it a read timeout),
   * {@code headDelivered} whether the guest already has the response's head (then a size limit hit
   * is the trailers', and a closed connection an incomplete response).
   */
  static Val code(Throwable failure, boolean connected, boolean headDelivered) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof Denied) {
        return ErrorCodes.of("HTTP-request-denied");
      }
      if (t instanceof TooLarge large) {
        // option<u32>: the section's size is not known (the parser stopped counting).
        return new Val.Variant(large.errorCase, Val.Option.none());
      }
      if (t instanceof HttpException exception && tooLarge(exception)) {
        // Jetty's parser passed the client's maxResponseHeadersSize (trailers count too).
        return new Val.Variant(
            headDelivered
                ? "HTTP-response-trailer-section-size"
                : "HTTP-response-header-section-size",
            Val.Option.none());
      }
      if (t instanceof EOFException) {
        // The upstream closed the connection: before any response, or in the middle of one.
        return ErrorCodes.of(headDelivered ? "HTTP-response-incomplete" : "connection-terminated");
      }
      if (t instanceof Timeout timeout) {
        return ErrorCodes.of(timeout.connecting ? "connection-timeout" : "connection-read-timeout");
      }
      if (t instanceof UnknownHostException) {
        return dnsError();
      }
      if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
        return ErrorCodes.of("connection-refused");
      }
      if (t instanceof SocketTimeoutException || t instanceof TimeoutException) {
        return ErrorCodes.of(connected ? "connection-read-timeout" : "connection-timeout");
      }
      if (t instanceof SSLException) {
        return ErrorCodes.of("TLS-protocol-error");
      }
    }
    return ErrorCodes.of("HTTP-protocol-error");
  }

  /**
   * Whether Jetty's parser refused a head or trailer section as too large: it reports that with the
   * response's own status code (not 431) and this reason; early 12.0 releases (12.0.0) with 431 and
   * no reason.
   */
  private static boolean tooLarge(HttpException e) {
    return String.valueOf(e.getReason()).contains("Too Large")
        || (e.getCode() == 431 && e.getReason() == null);
  }

  /** {@code DNS-error({rcode: none, info-code: none})}: Java does not tell the DNS rcode. */
  static Val dnsError() {
    return new Val.Variant(
        "DNS-error",
        new Val.RecordValue(
            List.of(
                new Val.RecordValue.Field("rcode", Val.Option.none()),
                new Val.RecordValue.Field("info-code", Val.Option.none()))));
  }
}
