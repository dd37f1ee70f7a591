package dev.wasihttp.http.internal;

import dev.wasihttp.wasi.io.HostInputStream;
import dev.wasihttp.wasi.io.StreamError;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;

/**
 * The {@code input-stream} of an {@code incoming-body}: reads from the body's {@link
 * IncomingBodyReader}, {@code closed} at the end, {@code last-operation-failed} when the client's
 * body failed, with {@code connection-read-timeout} or {@code connection-terminated} as the {@code
 * error-code} that {@code http-error-code} reports.
 */
final class IncomingBodyStream implements HostInputStream {
  private final IncomingBodyReader reader;

  IncomingBodyStream(IncomingBodyReader reader) {
    this.reader = reader;
  }

  @Override
  public byte[] read(int max) throws StreamError {
    byte[] b;
    try {
      b = reader.read(max);
    } catch (IOException e) {
      throw StreamError.failed(
          "reading the request body failed: " + e.getMessage(),
          ErrorCodes.of(
              e instanceof SocketTimeoutException || e instanceof InterruptedIOException
                  ? "connection-read-timeout"
                  : "connection-terminated"));
    }
    if (b == null) {
      throw StreamError.closed();
    }
    return b;
  }

  @Override
  public boolean ready() {
    return reader.ready();
  }
}
