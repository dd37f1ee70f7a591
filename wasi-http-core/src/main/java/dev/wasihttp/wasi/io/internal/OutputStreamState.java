package dev.wasihttp.wasi.io.internal;

import dev.wasihttp.wasi.io.HostOutputStream;
import java.util.Objects;

/**
 * The table entry behind an {@code output-stream} handle: the host stream, the bytes the last
 * {@code check-write} granted and not yet written (a larger {@code write} traps), and whether the
 * guest was already told it is closed.
 */
final class OutputStreamState implements AutoCloseable {
  final HostOutputStream stream;
  long permit;
  boolean closed;

  public OutputStreamState(HostOutputStream stream) {
    this.stream = Objects.requireNonNull(stream, "stream");
  }

  /** The host stream. */
  public HostOutputStream stream() {
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
