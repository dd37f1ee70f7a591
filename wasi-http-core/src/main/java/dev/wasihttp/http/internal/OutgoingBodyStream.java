package dev.wasihttp.http.internal;

import dev.wasihttp.http.client.OutgoingBody;
import dev.wasihttp.wasi.io.HostOutputStream;
import dev.wasihttp.wasi.io.StreamError;

/** The {@code output-stream} of an {@code outgoing-body}: delegates to {@link OutgoingBody}. */
final class OutgoingBodyStream implements HostOutputStream {
  private final OutgoingBody body;

  OutgoingBodyStream(OutgoingBody body) {
    this.body = body;
  }

  @Override
  public long checkWrite() throws StreamError {
    return body.checkWrite();
  }

  @Override
  public void write(byte[] bytes) throws StreamError {
    body.write(bytes);
  }

  @Override
  public void flush() throws StreamError {
    body.flush();
  }

  @Override
  public boolean ready() {
    return body.writeReady();
  }
}
