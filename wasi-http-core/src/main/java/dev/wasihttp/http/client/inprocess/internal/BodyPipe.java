package dev.wasihttp.http.client.inprocess.internal;

import dev.wasihttp.http.HttpField;
import dev.wasihttp.wasi.io.internal.ByteChunks;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The body of an in-process request or response: a bounded pipe of bytes between two threads that
 * ends with trailers or fails. Each side has a non-blocking form, for a guest's thread (which waits
 * on its instance's waker, woken by {@code onReadable} / {@code onWritable}), and a blocking form,
 * for the in-process handler's thread (which waits on the pipe, interruptibly). Nothing ever waits
 * by spinning.
 *
 * <p>At most {@link #capacity()} bytes are held, plus one write that began below it. Once the
 * reader wants nothing more ({@link #discard}), bytes written are dropped and writes never wait. A
 * failure (either side's abort) wins over the end only while the body has not ended: reads then
 * throw it once the bytes before it are taken, and writes throw it at once.
 *
 * <p>Thread-safe.
 */
final class BodyPipe {
  private final int capacity;
  private final Runnable onReadable;
  private final Runnable onWritable;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ByteChunks chunks = new ByteChunks();
  private boolean ended;
  private List<HttpField> trailers;
  private IOException failure;
  private boolean discarding;

  /**
   * A pipe of {@code capacity} bytes; {@code onReadable} runs (on any thread, never under the
   * pipe's lock) when bytes, the end or a failure arrive, {@code onWritable} when room appears or a
   * failure comes; either may be null.
   */
  BodyPipe(int capacity, Runnable onReadable, Runnable onWritable) {
    this.capacity = capacity;
    this.onReadable = onReadable;
    this.onWritable = onWritable;
  }

  /** A body already ended, without bytes or trailers. */
  static BodyPipe empty() {
    BodyPipe p = new BodyPipe(0, null, null);
    p.end(List.of());
    return p;
  }

  /** The most bytes held before writers wait. */
  int capacity() {
    return capacity;
  }

  // ---- the writer's side ----

  /** How many bytes a write may add now without waiting: 0 when full, ended or failed. */
  int room() {
    lock.lock();
    try {
      if (failure != null || ended) {
        return 0;
      }
      return discarding ? capacity : Math.max(0, capacity - chunks.size());
    } finally {
      lock.unlock();
    }
  }

  /**
   * Adds {@code b} (handed over, never changed after) without waiting, whatever the room: the
   * guest's side, which checked {@link #room()} first.
   *
   * @throws IOException the body's failure, or when it has ended
   */
  void offer(byte[] b) throws IOException {
    lock.lock();
    try {
      checkWritable();
      if (!discarding) {
        chunks.add(b);
      }
    } finally {
      signalReader();
    }
  }

  /**
   * Adds {@code len} bytes of {@code b} from {@code off}, waiting for room as long as it takes: the
   * in-process handler's side.
   *
   * @throws InterruptedIOException when the thread is interrupted while it waits
   * @throws IOException the body's failure, or when it has ended
   */
  void write(byte[] b, int off, int len) throws IOException {
    int done = 0;
    while (done < len) {
      int n;
      lock.lock();
      try {
        while (!discarding && failure == null && !ended && chunks.size() >= capacity) {
          changed.await();
        }
        checkWritable();
        n = discarding ? len - done : Math.min(len - done, Math.max(capacity - chunks.size(), 1));
        if (!discarding) {
          byte[] piece = new byte[n];
          System.arraycopy(b, off + done, piece, 0, n);
          chunks.add(piece);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while the body's reader was not reading");
      } finally {
        signalReader();
      }
      done += n;
    }
  }

  /** Ends the body with {@code trailers}; nothing once it ended or failed. */
  void end(List<HttpField> trailerFields) {
    lock.lock();
    try {
      if (!ended && failure == null) {
        ended = true;
        trailers = List.copyOf(trailerFields);
      }
    } finally {
      signalReader();
    }
  }

  /**
   * Fails the body with {@code e} unless it ended or failed already: reads throw it once the bytes
   * before it are taken, writes at once.
   *
   * @return whether this call failed it
   */
  boolean fail(IOException e) {
    boolean failed;
    lock.lock();
    try {
      failed = !ended && failure == null;
      if (failed) {
        failure = e;
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    if (failed) {
      run(onReadable);
      run(onWritable);
    }
    return failed;
  }

  private void checkWritable() throws IOException {
    if (failure != null) {
      throw failure;
    }
    if (ended) {
      throw new IOException("the body has ended");
    }
  }

  // ---- the reader's side ----

  /** Whether a read would not wait: bytes are held, or the body ended or failed. */
  boolean readable() {
    lock.lock();
    try {
      return chunks.size() > 0 || ended || failure != null;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Takes up to {@code max} held bytes without waiting: empty when none are held yet.
   *
   * @return null at the end of the body
   * @throws IOException the body's failure, once the bytes before it are taken
   */
  byte[] poll(int max) throws IOException {
    byte[] out;
    lock.lock();
    try {
      if (chunks.size() == 0) {
        if (failure != null) {
          throw failure;
        }
        return ended ? null : new byte[0];
      }
      out = chunks.take(max);
    } finally {
      signalWriter();
    }
    return out;
  }

  /**
   * Reads into {@code b}, waiting for bytes as long as it takes: the in-process handler's side.
   *
   * @return the bytes read, at least one; -1 at the end of the body
   * @throws InterruptedIOException when the thread is interrupted while it waits
   * @throws IOException the body's failure
   */
  int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    int n;
    lock.lock();
    try {
      while (chunks.size() == 0 && !ended && failure == null) {
        changed.await();
      }
      if (chunks.size() == 0) {
        if (failure != null) {
          throw failure;
        }
        return -1;
      }
      byte[] piece = chunks.take(len);
      System.arraycopy(piece, 0, b, off, piece.length);
      n = piece.length;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the body");
    } finally {
      signalWriter();
    }
    return n;
  }

  /** The reader wants nothing more: what is held is dropped, and so is what is written later. */
  void discard() {
    lock.lock();
    try {
      discarding = true;
      chunks.clear();
    } finally {
      signalWriter();
    }
  }

  /** The bytes held, waiting for the reader. */
  int size() {
    lock.lock();
    try {
      return chunks.size();
    } finally {
      lock.unlock();
    }
  }

  /** Whether the body reached its end (its trailers are known). */
  boolean ended() {
    lock.lock();
    try {
      return ended;
    } finally {
      lock.unlock();
    }
  }

  /** The failure that ended the body, or null. */
  IOException failure() {
    lock.lock();
    try {
      return failure;
    } finally {
      lock.unlock();
    }
  }

  /** The trailers once {@link #ended()}, else null. */
  List<HttpField> trailers() {
    lock.lock();
    try {
      return ended ? trailers : null;
    } finally {
      lock.unlock();
    }
  }

  /** Signals waiters, releases the lock (held), then tells the reader's side. */
  private void signalReader() {
    changed.signalAll();
    lock.unlock();
    run(onReadable);
  }

  /** Signals waiters, releases the lock (held), then tells the writer's side. */
  private void signalWriter() {
    changed.signalAll();
    lock.unlock();
    run(onWritable);
  }

  private static void run(Runnable r) {
    if (r != null) {
      r.run();
    }
  }
}
