package dev.wasihttp.http.internal;

import dev.wasihttp.component.values.Val;
import dev.wasihttp.http.HttpExchange;
import dev.wasihttp.http.HttpField;
import dev.wasihttp.http.client.BodySource;
import dev.wasihttp.http.client.ErrorCodes;
import dev.wasihttp.wasi.io.internal.ByteChunks;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Reads one request body from {@link HttpExchange#requestBody()} into a small bounded buffer on a
 * reader thread, so the guest never blocks on the client unless it asks to ({@code blocking-read}):
 * a non-blocking {@code read} takes what is buffered, and the input stream's pollable is ready when
 * bytes, the end or a failure are there. The buffer holds at most {@link #capacity} bytes, so a
 * large body streams through without being held whole.
 *
 * <p>The reader starts when the guest first asks for the body ({@link #start}), so a guest that
 * ignores the body costs no thread. When the request ends, {@link #stop} interrupts a read still
 * blocked and waits for the thread to leave the container's stream, which the container may recycle
 * once the request is over.
 *
 * <p>A body longer than its limit ({@code maxBody}) fails once the guest has read that many bytes:
 * its read gets {@code last-operation-failed} with {@code HTTP-request-body-size} as the {@code
 * error-code}, and nothing more is read from the client.
 *
 * <p>Thread-safe: the reader thread fills, the request's thread drains.
 */
public final class IncomingBodyReader implements BodySource {
  /** Bytes buffered ahead of the guest. */
  public static final int DEFAULT_CAPACITY = 256 * 1024;

  private static final int CHUNK = 64 * 1024;

  private final HttpExchange exchange;
  private final int capacity;
  private final long maxBody;
  private long received; // by the reader thread
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ByteChunks chunks = new ByteChunks();
  private final List<Runnable> listeners = new ArrayList<>();
  private boolean eof;
  private IOException failure;
  private boolean failureReported;
  private boolean stopped;
  private boolean draining;
  private Future<?> task;
  private List<HttpField> trailers;
  private volatile boolean running;

  /** Whether the client sends the body only after a {@code 100 Continue}: fixed per request. */
  private final boolean expectsContinue;

  /** Whether the guest asked for the body ({@link #start}). */
  private volatile boolean started;

  /** Whether anything came from the client: a byte, the end or a failure. */
  private volatile boolean arrived;

  /** A reader of {@code exchange}'s body, buffering up to {@code capacity} bytes, of any length. */
  public IncomingBodyReader(HttpExchange exchange, int capacity) {
    this(exchange, capacity, Long.MAX_VALUE);
  }

  /** A reader of {@code exchange}'s body of at most {@code maxBody} bytes (see the class). */
  public IncomingBodyReader(HttpExchange exchange, int capacity, long maxBody) {
    this.exchange = exchange;
    this.capacity = capacity;
    this.maxBody = maxBody;
    this.expectsContinue = exchange.expectsContinue();
  }

  /** The body went past its limit: {@code received} bytes came, more than {@code maxBody}. */
  static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;
    final long received;

    TooLarge(long maxBody, long received) {
      super("the request body is longer than the limit of " + maxBody + " bytes");
      this.received = received;
    }
  }

  /**
   * {@code HTTP-request-body-size} with the bytes received when the body went past its limit; for
   * another failure, what any body's does.
   */
  @Override
  public Val errorCode(IOException failure) {
    return failure instanceof TooLarge t
        ? ErrorCodes.requestBodySize(t.received)
        : BodySource.super.errorCode(failure);
  }

  /** The most bytes buffered ahead of the guest. */
  @Override
  public long capacity() {
    return capacity;
  }

  /** Starts reading on {@code executor} unless already started. */
  public void start(ExecutorService executor) {
    lock.lock();
    try {
      if (task != null || stopped) {
        return;
      }
      started = true;
      task = executor.submit(this::run);
    } finally {
      lock.unlock();
    }
  }

  private void run() {
    running = true;
    try {
      if (!isStopped()) {
        pump();
      }
    } finally {
      running = false;
    }
  }

  private boolean isStopped() {
    lock.lock();
    try {
      return stopped;
    } finally {
      lock.unlock();
    }
  }

  private void pump() {
    // The container owns the stream: read it, never close it.
    try {
      InputStream in = exchange.requestBody();
      while (true) {
        lock.lock();
        try {
          while (chunks.size() >= capacity && !stopped) {
            changed.await();
          }
          if (stopped) {
            return;
          }
        } finally {
          lock.unlock();
        }
        byte[] buf = new byte[CHUNK];
        int n = in.read(buf);
        arrived = true;
        if (n < 0) {
          List<HttpField> t = exchange.requestTrailers();
          lock.lock();
          try {
            trailers = t == null ? List.of() : List.copyOf(t);
            eof = true;
          } finally {
            signal();
          }
          return;
        }
        if (n > 0) {
          // What fits under the limit is kept, so the guest reads exactly maxBody bytes first.
          int kept = (int) Math.min(n, maxBody - received);
          received += n;
          if (kept > 0) {
            lock.lock();
            try {
              if (!draining) {
                chunks.add(kept == CHUNK ? buf : Arrays.copyOf(buf, kept));
              }
            } finally {
              signal();
            }
          }
          if (received > maxBody) {
            fail(new TooLarge(maxBody, received));
            return;
          }
        }
      }
    } catch (InterruptedException | InterruptedIOException e) {
      fail(new IOException("request body read interrupted", e));
    } catch (IOException | RuntimeException e) {
      fail(e instanceof IOException ioe ? ioe : new IOException(e));
    }
  }

  private void fail(IOException e) {
    arrived = true;
    lock.lock();
    try {
      if (!eof && failure == null) {
        failure = e;
      }
    } finally {
      signal();
    }
  }

  /** Wakes waiters and listeners; called holding the lock, releases it. */
  private void signal() {
    changed.signalAll();
    List<Runnable> toRun = new ArrayList<>(listeners);
    lock.unlock();
    for (Runnable r : toRun) {
      r.run();
    }
  }

  /** Runs {@code r} (on any thread) whenever data, the end or a failure arrives. */
  public void addListener(Runnable r) {
    lock.lock();
    try {
      listeners.add(r);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Whether the client waits for the container's {@code 100 Continue} before it sends the body it
   * announced: the guest asked for the body, and nothing came yet. The container sends it when the
   * body is first read, but only while the response is not committed (RFC 9110, 10.1.1 "Expect"):
   * until then a flush of the response would make the client wait for nothing.
   */
  public boolean awaitsContinue() {
    return expectsContinue && started && !arrived;
  }

  /** Whether a read would not block: bytes are buffered, or the body ended or failed. */
  public boolean ready() {
    lock.lock();
    try {
      return chunks.size() > 0 || eof || failure != null;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Takes up to {@code max} buffered bytes without blocking: empty when none are buffered yet.
   *
   * @return null at the end of the body (nothing buffered and EOF)
   * @throws IOException when reading the body failed
   */
  public byte[] read(int max) throws IOException {
    lock.lock();
    try {
      if (chunks.size() == 0) {
        if (failure != null) {
          failureReported = true;
          throw failure;
        }
        return eof ? null : new byte[0];
      }
      byte[] out = chunks.take(max);
      changed.signalAll();
      return out;
    } finally {
      lock.unlock();
    }
  }

  /** Waits until {@link #ready()}. */
  public void await() throws InterruptedException {
    lock.lock();
    try {
      while (chunks.size() == 0 && !eof && failure == null && !stopped) {
        changed.await();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Whether the body reached its end (trailers are known). */
  public boolean ended() {
    lock.lock();
    try {
      return eof;
    } finally {
      lock.unlock();
    }
  }

  /** The failure that ended the body, or null. */
  public IOException failure() {
    lock.lock();
    try {
      return failure;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The failure a read handed to the guest, or null: one that came after the guest stopped reading
   * (a client going on after the response) was not the guest's concern.
   */
  public IOException reportedFailure() {
    lock.lock();
    try {
      return failureReported ? failure : null;
    } finally {
      lock.unlock();
    }
  }

  /** The request trailers once {@link #ended()}, else null. */
  public List<HttpField> trailers() {
    lock.lock();
    try {
      return trailers;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Discards what is buffered and what is still to come (the guest finished the body before its
   * end): the reader runs on to the end to learn the trailers, keeping nothing.
   */
  public void drain(ExecutorService executor) {
    lock.lock();
    try {
      draining = true;
      chunks.clear();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    start(executor);
  }

  /**
   * Stops the reader: a read blocked on the client is interrupted, and this waits up to {@code
   * waitMillis} for the thread to leave the container's stream.
   *
   * @return false if the reader thread was still inside the container's stream after the wait
   */
  public boolean stop(long waitMillis) {
    Future<?> t;
    lock.lock();
    try {
      stopped = true;
      changed.signalAll();
      t = task;
    } finally {
      lock.unlock();
    }
    if (t == null || t.isDone()) {
      return true;
    }
    t.cancel(true);
    try {
      // A cancelled future reports done at once; wait for the thread itself through the lock-free
      // poll below, bounded.
      long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
      while (running && System.nanoTime() < end) {
        Thread.sleep(1);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return !running;
  }
}
