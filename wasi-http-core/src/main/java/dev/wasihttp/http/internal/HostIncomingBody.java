package dev.wasihttp.http.internal;

/**
 * The host state behind {@code wasi:http/types.incoming-body}: the request body's reader, whose one
 * {@code input-stream} is a child of this body in the resource table ({@code finish} or a drop
 * while it lives traps).
 */
public final class HostIncomingBody {
  final IncomingBodyReader reader;
  boolean streamTaken;

  public HostIncomingBody(IncomingBodyReader reader) {
    this.reader = reader;
  }
}
