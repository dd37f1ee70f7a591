package dev.wasihttp.http.client.inprocess;

import dev.wasihttp.component.values.Val;
import dev.wasihttp.http.HttpField;
import dev.wasihttp.http.IncomingRequestHead;
import dev.wasihttp.http.LogSink;
import dev.wasihttp.http.client.BodySource;
import dev.wasihttp.http.client.FutureIncomingResponse;
import dev.wasihttp.http.client.OutboundPolicy;
import dev.wasihttp.http.client.OutgoingBody;
import dev.wasihttp.http.client.OutgoingHandler;
import dev.wasihttp.http.client.OutgoingRequest;
import dev.wasihttp.http.client.RequestOptions;
import dev.wasihttp.wasi.io.StreamError;
import dev.wasihttp.wasi.io.Waker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A guest's side of one outgoing request, as the wasi:http host drives an {@link OutgoingHandler}:
 * it takes a body, writes it in the pieces {@code check-write} grants, hands the request over, and
 * reads the response without blocking, waiting on its instance's {@link Waker} whenever nothing can
 * move (as {@code poll} does), never by spinning.
 */
final class Caller {
  /** What the caller's incoming request was: its origin is {@code http://front:8080}. */
  static final IncomingRequestHead INCOMING =
      new IncomingRequestHead("GET", "http", "front:8080", "/", List.of());

  final Waker waker = new Waker();
  final Future future = new Future(waker);
  final OutgoingHandler handler;
  final OutgoingBody body;

  /** The most bytes the body held unsent after any write (host memory held for the guest). */
  long maxBuffered;

  Caller(OutgoingHandler handler, boolean withBody) {
    this.handler = handler;
    this.body = withBody ? handler.body(null, waker) : null;
  }

  /** A caller whose body declares {@code content-length: declaredLength}. */
  Caller(OutgoingHandler handler, long declaredLength) {
    this.handler = handler;
    this.body = handler.body(declaredLength, waker);
  }

  /** The routing handler of {@code routing}, for a component named {@code caller}. */
  static OutgoingHandler handler(OutgoingHandler.Factory routing, LogSink log) {
    return routing.create(
        new OutgoingHandler.Context(OutboundPolicy.denyAll(), 128 * 1024, log, "caller"));
  }

  /** Hands the request for {@code url}'s {@code authority} and {@code path} over. */
  void send(String method, String scheme, String authority, String path, HttpField... headers) {
    int colon = authority.lastIndexOf(':');
    String host = colon < 0 ? authority : authority.substring(0, colon);
    int port =
        colon < 0
            ? (scheme.equals("http") ? 80 : 443)
            : Integer.parseInt(authority.substring(colon + 1));
    handler.handle(
        new OutgoingRequest(
            method,
            scheme,
            authority,
            host,
            port,
            path,
            List.of(headers),
            body,
            RequestOptions.NONE,
            INCOMING),
        future);
  }

  /** Writes {@code bytes} as a guest does, waiting for grants; the stream's error if it fails. */
  StreamError write(byte[] bytes) {
    int at = 0;
    while (at < bytes.length) {
      long seen = waker.version();
      long grant;
      try {
        grant = body.checkWrite();
        if (grant == 0) {
          if (!body.writeReady()) {
            waker.await(seen, Long.MAX_VALUE);
          }
          continue;
        }
        int n = (int) Math.min(grant, bytes.length - at);
        byte[] piece = new byte[n];
        System.arraycopy(bytes, at, piece, 0, n);
        body.write(piece);
        at += n;
        maxBuffered = Math.max(maxBuffered, body.buffered());
      } catch (StreamError e) {
        return e;
      }
    }
    return null;
  }

  /**
   * Sends {@code bytes} and reads the response at once in one loop, as proxy-c does: writes what
   * {@code check-write} grants, reads what has arrived, and waits on the waker when neither can
   * move. Returns the response body read, and in {@code sentAtFirstByte[0]} how much of the request
   * had been written when the first response byte came.
   */
  Read duplex(byte[] bytes, List<HttpField> trailers, long[] sentAtFirstByte) throws StreamError {
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    int at = 0;
    boolean finished = false;
    sentAtFirstByte[0] = -1;
    while (true) {
      long seen = waker.version();
      boolean moved = false;
      if (!finished) {
        long grant = body.checkWrite();
        if (grant > 0 && at < bytes.length) {
          int n = (int) Math.min(grant, bytes.length - at);
          byte[] piece = new byte[n];
          System.arraycopy(bytes, at, piece, 0, n);
          body.write(piece);
          at += n;
          maxBuffered = Math.max(maxBuffered, body.buffered());
          moved = true;
        }
        if (at == bytes.length) {
          if (body.finish(trailers) != null) {
            throw new AssertionError("finish failed");
          }
          finished = true;
          moved = true;
        }
      }
      if (future.isDone() && future.error != null) {
        return new Read(in.toByteArray(), future.error, null);
      }
      if (future.isDone() && future.body != null && future.body.ready()) {
        try {
          byte[] b = future.body.read(64 * 1024);
          if (b == null) {
            return new Read(in.toByteArray(), null, future.body.trailers());
          }
          if (b.length > 0 && sentAtFirstByte[0] < 0) {
            sentAtFirstByte[0] = at;
          }
          in.writeBytes(b);
          moved = true;
        } catch (IOException e) {
          return new Read(in.toByteArray(), future.body.errorCode(e), null);
        }
      }
      if (!moved) {
        waker.await(seen, Long.MAX_VALUE);
      }
    }
  }

  /** Waits for the future, as a guest polls its pollable. */
  Future response() {
    while (true) {
      long seen = waker.version();
      if (future.isDone()) {
        return future;
      }
      waker.await(seen, Long.MAX_VALUE);
    }
  }

  /**
   * Reads the whole response body as a guest does: its bytes, or the failure with the {@code
   * error-code} the guest would get.
   */
  static Read readAll(BodySource source, Waker waker) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      long seen = waker.version();
      if (!source.ready()) {
        waker.await(seen, Long.MAX_VALUE);
        continue;
      }
      try {
        byte[] b = source.read(64 * 1024);
        if (b == null) {
          return new Read(out.toByteArray(), null, source.trailers());
        }
        out.writeBytes(b);
      } catch (IOException e) {
        return new Read(out.toByteArray(), source.errorCode(e), null);
      }
    }
  }

  /** What reading a response body gave: its bytes, then its trailers or its failure's code. */
  record Read(byte[] bytes, Val errorCode, List<HttpField> trailers) {}

  /** The guest's {@code future-incoming-response}: its outcome, and what dropping it does. */
  static final class Future implements FutureIncomingResponse {
    private final Waker waker;
    private volatile Runnable onCancel;
    volatile int status;
    volatile List<HttpField> headers;
    volatile BodySource body;
    volatile Val error;
    private volatile boolean done;
    final List<String> completions = Collections.synchronizedList(new ArrayList<>());

    Future(Waker waker) {
      this.waker = waker;
    }

    @Override
    public synchronized void respond(int status, List<HttpField> headers, BodySource body) {
      completions.add("respond " + status);
      if (!done) {
        this.status = status;
        this.headers = List.copyOf(headers);
        this.body = body;
        done = true;
        waker.wake();
      }
    }

    @Override
    public synchronized void fail(Val errorCode) {
      completions.add("fail " + errorCode);
      if (!done) {
        this.error = errorCode;
        done = true;
        waker.wake();
      }
    }

    @Override
    public boolean isDone() {
      return done;
    }

    @Override
    public void onCancel(Runnable abandon) {
      this.onCancel = abandon;
    }

    @Override
    public Waker waker() {
      return waker;
    }

    /** The guest drops the future before taking the response. */
    void drop() {
      Runnable r = onCancel;
      if (r != null) {
        r.run();
      }
    }

    /** The first value of the response header {@code name}, or null. */
    String header(String name) {
      for (HttpField f : headers) {
        if (f.name().equalsIgnoreCase(name)) {
          return f.latin1Value();
        }
      }
      return null;
    }
  }
}
