package dev.wasihttp.http.client.jetty.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasihttp.http.client.ErrorCodes;
import java.io.IOException;
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
}
