package dev.wasihttp.http.internal;

import dev.wasihttp.component.host.ResourceTable;
import dev.wasihttp.http.client.BodySource;

/**
 * The host state behind {@code wasi:http/types.incoming-body}: the request body's reader, whose one
 * {@code input-stream} is a child of this body in the resource table ({@code finish} or a drop
 * while it lives traps).
 */
final class HostIncomingBody implements AutoCloseable, ResourceTable.Sized {
  final BodySource reader;
  boolean streamTaken;

  HostIncomingBody(BodySource reader) {
    this.reader = reader;
  }

  /** What the body's source may buffer ahead of the guest ({@link BodySource#capacity()}). */
  @Override
  public long hostBytes() {
    return reader.capacity();
  }

  /** Dropped unfinished (or left at the end of the request): the source stops. */
  @Override
  public void close() {
    reader.cancel();
  }
}
