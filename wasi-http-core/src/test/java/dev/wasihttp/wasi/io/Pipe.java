package dev.wasihttp.wasi.io;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * A thread-safe byte pipe for tests, the shape a request body takes: a producer thread {@link
 * #feed}s bytes and {@link #end}s it, waking the instance; the guest reads through {@link
 * HostInputStream}. {@link #output} is the other direction: a bounded sink whose buffer a consumer
 * {@link #drain}s.
 */
final class Pipe implements HostInputStream {
  private final Waker waker;
  private final ByteArrayOutputStream buffered = new ByteArrayOutputStream();
  private boolean ended;
  private String failure;
  boolean closed;

  Pipe(Waker waker) {
    this.waker = waker;
  }

  /** Producer side: adds bytes and wakes the guest. */
  void feed(byte[] bytes) {
    synchronized (this) {
      buffered.writeBytes(bytes);
    }
    waker.wake();
  }

  /** Producer side: ends the stream (after what is buffered). */
  void end() {
    synchronized (this) {
      ended = true;
    }
    waker.wake();
  }

  /** Producer side: the next read fails. */
  void fail(String reason) {
    synchronized (this) {
      failure = reason;
    }
    waker.wake();
  }

  @Override
  public synchronized byte[] read(int max) throws StreamError {
    if (failure != null) {
      throw StreamError.failed(failure, "detail:" + failure);
    }
    byte[] all = buffered.toByteArray();
    if (all.length == 0 && ended) {
      throw StreamError.closed();
    }
    int n = Math.min(max, all.length);
    buffered.reset();
    buffered.write(all, n, all.length - n);
    return Arrays.copyOf(all, n);
  }

  @Override
  public synchronized boolean ready() {
    return buffered.size() > 0 || ended || failure != null;
  }

  @Override
  public void close() {
    closed = true;
  }

  /** An output stream with room for {@code capacity} bytes until a consumer drains it. */
  static final class Output implements HostOutputStream {
    private final Waker waker;
    private final int capacity;
    final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private int pending;
    private String failure;
    int flushes;

    Output(Waker waker, int capacity) {
      this.waker = waker;
      this.capacity = capacity;
    }

    /** Consumer side: the buffered bytes left; wakes the guest. */
    void drain() {
      synchronized (this) {
        pending = 0;
      }
      waker.wake();
    }

    synchronized void fail(String reason) {
      failure = reason;
    }

    @Override
    public synchronized long checkWrite() throws StreamError {
      if (failure != null) {
        throw StreamError.failed(failure, null);
      }
      return capacity - pending;
    }

    @Override
    public synchronized void write(byte[] bytes) {
      written.writeBytes(bytes);
      pending += bytes.length;
    }

    @Override
    public synchronized void flush() {
      flushes++;
    }

    @Override
    public synchronized boolean ready() {
      return failure != null || pending < capacity;
    }
  }
}
