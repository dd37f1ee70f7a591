package dev.wasihttp.http.client.jetty.internal;

import dev.wasihttp.component.values.Val;
import dev.wasihttp.http.HttpField;
import dev.wasihttp.http.client.BodySource;
import dev.wasihttp.wasi.io.Waker;
import dev.wasihttp.wasi.io.internal.ByteChunks;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.io.Content;

/**
 * The body of a response to an outgoing request: Jetty's content chunks are copied into a buffer of
 * at most {@link #CAPACITY} bytes (plus one chunk) that the guest drains without blocking. Back
 * pressure is Jetty's demand: once the buffer is full, the next chunk is demanded only when the
 * guest has read it below the capacity, so a large body never sits in memory whole.
 *
 * <p>Thread-safe: Jetty's threads fill and end it, the guest's thread reads; every change wakes the
 * instance's {@link Waker}.
 */
final class IncomingResponseBody implements BodySource {
  /** Bytes buffered ahead of the guest before Jetty is asked for more. */
  static final int CAPACITY = 64 * 1024;

  private final Waker waker;
  private final Request request;
  private final ByteChunks chunks = new ByteChunks();
  private Runnable parkedDemand;
  private boolean eof;
  private boolean draining;
  private IOException failure;
  private List<HttpField> trailers;

  IncomingResponseBody(Waker waker, Request request) {
    this.waker = waker;
    this.request = request;
  }

  // ---- Jetty's side ----

  /** A content chunk arrived; {@code demand} asks for the next one. */
  void onContent(Content.Chunk chunk, Runnable demand) {
    ByteBuffer b = chunk.getByteBuffer();
    byte[] copy = new byte[b.remaining()];
    b.get(copy);
    boolean more;
    synchronized (this) {
      if (!draining && copy.length > 0) {
        chunks.add(copy);
      }
      more = chunks.size() < CAPACITY;
      if (!more) {
        parkedDemand = demand;
      }
    }
    waker.wake();
    if (more) {
      demand.run();
    }
  }

  /** The response ended cleanly with {@code trailerFields}. */
  void onEnd(List<HttpField> trailerFields) {
    synchronized (this) {
      if (failure == null) {
        trailers = List.copyOf(trailerFields);
        eof = true;
      }
    }
    waker.wake();
  }

  /** The response failed after its head arrived. */
  void onFailure(Throwable x) {
    synchronized (this) {
      if (!eof && failure == null) {
        failure = x instanceof IOException ioe ? ioe : new IOException(x.toString(), x);
      }
    }
    waker.wake();
  }

  // ---- the guest's side ----

  /** The most bytes buffered ahead of the guest. */
  @Override
  public long capacity() {
    return CAPACITY;
  }

  @Override
  public void start(ExecutorService executor) {
    // Jetty pushes content; nothing to start.
  }

  @Override
  public synchronized boolean ready() {
    return chunks.size() > 0 || eof || failure != null;
  }

  @Override
  public byte[] read(int max) throws IOException {
    Runnable demand = null;
    byte[] out;
    synchronized (this) {
      if (chunks.size() == 0) {
        if (failure != null) {
          throw failure;
        }
        return eof ? null : new byte[0];
      }
      out = chunks.take(max);
      if (chunks.size() < CAPACITY && parkedDemand != null) {
        demand = parkedDemand;
        parkedDemand = null;
      }
    }
    if (demand != null) {
      demand.run();
    }
    return out;
  }

  @Override
  public synchronized boolean ended() {
    return eof;
  }

  @Override
  public synchronized IOException failure() {
    return failure;
  }

  @Override
  public synchronized List<HttpField> trailers() {
    return eof ? trailers : null;
  }

  @Override
  public void drain(ExecutorService executor) {
    Runnable demand;
    synchronized (this) {
      draining = true;
      chunks.clear();
      demand = parkedDemand;
      parkedDemand = null;
    }
    if (demand != null) {
      demand.run();
    }
  }

  @Override
  public void cancel() {
    boolean done;
    synchronized (this) {
      done = eof || failure != null;
    }
    if (!done) {
      request.abort(new IOException("the guest dropped the response body"));
    }
  }

  @Override
  public Val errorCode(IOException e) {
    return TransportFailures.code(e, true, true);
  }

  /**
   * The size of Jetty's header or trailer section as the fields cap counts it ({@link
   * HttpField#SIZE_OVERHEAD} per field), before any is converted: values are ISO-8859-1, one byte a
   * character.
   */
  static long sectionSize(Iterable<org.eclipse.jetty.http.HttpField> jetty) {
    long size = 0;
    if (jetty != null) {
      for (org.eclipse.jetty.http.HttpField f : jetty) {
        String value = f.getValue();
        size += f.getName().length() + (value == null ? 0 : value.length());
        size += HttpField.SIZE_OVERHEAD;
      }
    }
    return size;
  }

  /** Jetty's response fields as wasi:http fields (ISO-8859-1 bytes). */
  static List<HttpField> fields(Iterable<org.eclipse.jetty.http.HttpField> jetty) {
    List<HttpField> out = new ArrayList<>();
    if (jetty != null) {
      for (org.eclipse.jetty.http.HttpField f : jetty) {
        out.add(HttpField.latin1(f.getName(), f.getValue() == null ? "" : f.getValue()));
      }
    }
    return out;
  }
}
