package dev.wasihttp.http.internal;

import dev.wasihttp.component.host.ResourceTable;
import dev.wasihttp.http.client.OutgoingBody;
import dev.wasihttp.wasi.io.HostOutputStream;
import dev.wasihttp.wasi.io.StreamError;

/**
 * The {@code output-stream} of an {@code outgoing-body}: delegates to {@link OutgoingBody}, and has
 * what the body holds unsent recounted as the guest's host memory after every operation (a write
 * past the limit traps; what was sent since is given back).
 */
final class OutgoingBodyStream implements HostOutputStream {
  private final OutgoingBody body;
  private final ResourceTable table;
  private final int bodyRep;

  /**
   * The stream of {@code body}, whose {@link HostOutgoingBody} is {@code bodyRep} in {@code table}.
   */
  OutgoingBodyStream(OutgoingBody body, ResourceTable table, int bodyRep) {
    this.body = body;
    this.table = table;
    this.bodyRep = bodyRep;
  }

  @Override
  public long checkWrite() throws StreamError {
    long n = body.checkWrite();
    table.recount(bodyRep);
    return n;
  }

  @Override
  public void write(byte[] bytes) throws StreamError {
    body.write(bytes);
    table.recount(bodyRep);
  }

  @Override
  public void flush() throws StreamError {
    body.flush();
    table.recount(bodyRep);
  }

  @Override
  public boolean ready() {
    return body.writeReady();
  }
}
