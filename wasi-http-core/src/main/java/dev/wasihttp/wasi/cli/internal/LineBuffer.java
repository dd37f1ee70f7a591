package dev.wasihttp.wasi.cli.internal;

import dev.wasihttp.wasi.LineSink;
import dev.wasihttp.wasi.io.HostOutputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Standard output or error of one instance: bytes split into lines, each handed to a {@link
 * LineSink} tagged with the component's name. A line longer than {@link #MAX_LINE} bytes is handed
 * over in pieces of at most that size, never cutting a UTF-8 sequence, so a guest that never writes
 * a newline cannot grow the buffer. Every {@code get-stdout} handle writes here, so output keeps
 * its order; the partial last line is handed over by {@link #close()} when the instance ends.
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
          emitPiece();
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

  /** Hands over a full piece of a long line, keeping a UTF-8 sequence it would cut for later. */
  private void emitPiece() {
    byte[] b = line.toByteArray();
    int cut = b.length;
    // Step back over continuation bytes to the start of the last sequence; keep it if incomplete.
    int start = cut - 1;
    while (start > 0 && cut - start < 4 && (b[start] & 0xc0) == 0x80) {
      start--;
    }
    int lead = b[start] & 0xff;
    int length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
    if (start + length > cut) {
      cut = start;
    }
    line.reset();
    sink.line(component, new String(b, 0, cut, StandardCharsets.UTF_8));
    line.write(b, cut, b.length - cut);
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
