package dev.wasihttp.wasi.io.internal;

import java.util.ArrayDeque;

/**
 * Bytes queued in the chunks they arrived in and taken in order, in reads of any size: the buffer
 * of a host input stream that another thread fills (a request body read from the container, a
 * response body from the HTTP client). Not thread-safe: its owner holds its own lock around it.
 */
public final class ByteChunks {
  private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
  private int head; // offset into chunks.peekFirst()
  private int size;

  /** Queues {@code chunk}, which the caller hands over and never changes. */
  public void add(byte[] chunk) {
    if (chunk.length > 0) {
      chunks.addLast(chunk);
      size += chunk.length;
    }
  }

  /** The bytes queued. */
  public int size() {
    return size;
  }

  /** Takes up to {@code max} queued bytes (none when empty). */
  public byte[] take(int max) {
    byte[] out = new byte[Math.min(max, size)];
    int off = 0;
    while (off < out.length) {
      byte[] first = chunks.peekFirst();
      int n = Math.min(out.length - off, first.length - head);
      System.arraycopy(first, head, out, off, n);
      off += n;
      head += n;
      if (head == first.length) {
        chunks.removeFirst();
        head = 0;
      }
    }
    size -= out.length;
    return out;
  }

  /** Drops everything queued. */
  public void clear() {
    chunks.clear();
    head = 0;
    size = 0;
  }
}
