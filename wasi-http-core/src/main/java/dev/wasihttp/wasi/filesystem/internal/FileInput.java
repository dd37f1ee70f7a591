package dev.wasihttp.wasi.filesystem.internal;

import dev.wasihttp.wasi.io.HostInputStream;
import dev.wasihttp.wasi.io.StreamError;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * A file read from an offset, for {@code read-via-stream}: always ready (a local file is read
 * without waiting); {@code closed} at the end of the file; a failed read is {@code
 * last-operation-failed} whose error carries the {@code error-code}.
 */
final class FileInput implements HostInputStream {
  private final FileChannel channel;
  private long position;

  public FileInput(FileChannel channel, long offset) {
    this.channel = channel;
    this.position = offset;
  }

  @Override
  public byte[] read(int max) throws StreamError {
    if (max == 0) {
      return new byte[0];
    }
    try {
      ByteBuffer buf = ByteBuffer.allocate(max);
      int n = channel.read(buf, position);
      if (n < 0) {
        throw StreamError.closed();
      }
      position += n;
      return Arrays.copyOf(buf.array(), n);
    } catch (IOException e) {
      FsError code = FsError.of(e);
      throw StreamError.failed("reading the file failed: " + code.code(), code);
    }
  }

  @Override
  public boolean ready() {
    return true;
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException ignored) {
      // Read-only: nothing to lose.
    }
  }
}
