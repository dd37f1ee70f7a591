package dev.wasihttp.http.client.jetty.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasihttp.component.values.Val;
import dev.wasihttp.http.client.ErrorCodes;
import java.io.IOException;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.io.EofException;
import org.junit.jupiter.api.Test;

/**
 * How Jetty's failures of a connection the upstream closed become {@code error-code} values: by
 * whether the guest already has the response's head, never by which side (read or write) noticed.
 */
class TransportFailuresTest {
  /** What Jetty's client fails the exchange with when a request body write hits a closed peer. */
  static final Throwable BROKEN_PIPE = new EofException(new IOException("Broken pipe"));

  @Test
  void aWriteToAClosedUpstreamBeforeTheResponseIsConnectionTerminated() {
    assertEquals(
        ErrorCodes.of("connection-terminated"), TransportFailures.code(BROKEN_PIPE, true, false));
  }

  @Test
  void theSameFailureAfterTheHeadIsAnIncompleteResponse() {
    assertEquals(
        ErrorCodes.of("HTTP-response-incomplete"), TransportFailures.code(BROKEN_PIPE, true, true));
  }

  @Test
  void aHeadOverTheParsersLimitIsTheSectionSizeInEveryJetty12() {
    Val headerSize = new Val.Variant("HTTP-response-header-section-size", Val.Option.none());
    // Jetty 12.1 and late 12.0: the response's own status, and a reason.
    assertEquals(
        headerSize,
        TransportFailures.code(
            new HttpException.RuntimeException(500, "Response Header Bytes Too Large"),
            true,
            false));
    // Jetty 12.0.0: 431 and no reason.
    assertEquals(
        headerSize, TransportFailures.code(new HttpException.RuntimeException(431), true, false));
    assertEquals(
        new Val.Variant("HTTP-response-trailer-section-size", Val.Option.none()),
        TransportFailures.code(new HttpException.RuntimeException(431), true, true));
    // Any other malformed response is a protocol error.
    assertEquals(
        ErrorCodes.of("HTTP-protocol-error"),
        TransportFailures.code(
            new HttpException.RuntimeException(400, "Bad Response"), true, false));
  }
}
