package dev.wasihttp.wasi.io.internal;

import dev.wasihttp.wasi.io.HostInputStream;
import java.util.Objects;

/**
 * The table entry behind an {@code input-stream} handle: the host stream, and whether the guest was
 * already told it is closed (after {@code closed} or a failure, the host stream is not asked
 * again).
 */
final class InputStreamState implements AutoCloseable {
  final HostInputStream stream;
  boolean closed;

  public InputStreamState(HostInputStream stream) {
    this.stream = Objects.requireNonNull(stream, "stream");
  }

  /** The host stream. */
  public HostInputStream stream() {
    return stream;
  }

  boolean ready() {
    return closed || stream.ready();
  }

  @Override
  public void close() {
    stream.close();
  }
}
