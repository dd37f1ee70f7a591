package dev.wasihttp.http.internal;

import dev.wasihttp.component.host.ResourceTable;
import dev.wasihttp.http.client.OutgoingBody;

/**
 * The host state behind {@code wasi:http/types.outgoing-body}: the body it writes to (the
 * response's {@link OutgoingResponseBody}, or a request body the outgoing handler made) and whether
 * its one {@code output-stream} was taken.
 */
final class HostOutgoingBody implements ResourceTable.Sized, AutoCloseable {
  final OutgoingBody body;
  private boolean streamTaken;

  HostOutgoingBody(OutgoingBody body) {
    this.body = body;
  }

  /** What the body holds unsent ({@link OutgoingBody#buffered()}). */
  @Override
  public long hostBytes() {
    return body.buffered();
  }

  /** {@code outgoing-body.write}: true the first time, false after (the stream was taken). */
  boolean takeStream() {
    boolean first = !streamTaken;
    streamTaken = true;
    return first;
  }

  /** The guest dropped the body without {@code finish}. */
  void dropped() {
    body.dropped();
  }

  /**
   * Left unfinished when the instance ended (a finished body has left the table): dropped, so an
   * outgoing request still sending it is aborted rather than left waiting for bytes that never
   * come. The response's own body is ended by then, and its drop changes nothing.
   */
  @Override
  public void close() {
    body.dropped();
  }
}
