package dev.wasihttp.http.internal;

import dev.wasihttp.http.client.BodySource;
import dev.wasihttp.wasi.io.HostInputStream;
import dev.wasihttp.wasi.io.StreamError;
import java.io.IOException;

/**
 * The {@code input-stream} of an {@code incoming-body}: reads from the body's {@link BodySource},
 * {@code closed} at the end, {@code last-operation-failed} when the client's body failed, with
 * {@code connection-read-timeout} or {@code connection-terminated} as the {@code error-code} that
 * {@code http-error-code} reports.
 */
final class IncomingBodyStream implements HostInputStream {
  private final BodySource reader;

  IncomingBodyStream(BodySource reader) {
    this.reader = reader;
  }

  @Override
  public byte[] read(int max) throws StreamError {
    byte[] b;
    try {
      b = reader.read(max);
    } catch (IOException e) {
      throw StreamError.failed("reading the body failed: " + e.getMessage(), reader.errorCode(e));
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
