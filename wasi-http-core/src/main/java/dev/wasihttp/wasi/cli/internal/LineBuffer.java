package dev.wasihttp.wasi.cli.internal;

import dev.wasihttp.wasi.LineSink;
import dev.wasihttp.wasi.io.HostOutputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Standard output or error of one instance: bytes split into lines, each handed to a {@link
 * LineSink} tagged with the component's name. A line longer than {@link #MAX_LINE} bytes is handed
 * over in pieces of that size, so a guest that never writes a newline cannot grow the buffer. Every
 * {@code get-stdout} handle writes here, so output keeps its order; the partial last line is handed
 * over by {@link #close()} when the instance ends.
 *
 * <p>Never blocks and never fails: {@link #checkWrite()} always grants {@link #GRANT} bytes.
 */
public final class LineBuffer implements HostOutputStream {
  /** 16 KiB: the longest line handed over whole. */
  public static final int MAX_LINE = 16 * 1024;

  /** 64 KiB: what {@code check-write} grants. */
  public static final int GRANT = 64 * 1024;

  private final LineSink sink;
  private final String component;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();

  public LineBuffer(LineSink sink, String component) {
    this.sink = sink;
    this.component = component;
  }

  @Override
  public long checkWrite() {
    return GRANT;
  }

  @Override
  public void write(byte[] bytes) {
    for (byte b : bytes) {
      if (b == '\n') {
        emit();
      } else {
        line.write(b);
        if (line.size() >= MAX_LINE) {
          emit();
        }
      }
    }
  }

  @Override
  public void flush() {}

  @Override
  public boolean ready() {
    return true;
  }

  /** Hands over a partial last line, if any. */
  @Override
  public void close() {
    if (line.size() > 0) {
      emit();
    }
  }

  private void emit() {
    byte[] b = line.toByteArray();
    line.reset();
    int n = b.length;
    if (n > 0 && b[n - 1] == '\r') {
      n--;
    }
    sink.line(component, new String(b, 0, n, StandardCharsets.UTF_8));
  }

  /** The output stream the guest's handles write to; dropping a handle keeps the buffer. */
  public HostOutputStream handle() {
    LineBuffer buffer = this;
    return new HostOutputStream() {
      @Override
      public long checkWrite() {
        return buffer.checkWrite();
      }

      @Override
      public void write(byte[] bytes) {
        buffer.write(bytes);
      }

      @Override
      public void flush() {}

      @Override
      public boolean ready() {
        return true;
      }
    };
  }
}
