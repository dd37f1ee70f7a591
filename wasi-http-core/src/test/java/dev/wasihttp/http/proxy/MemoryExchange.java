package dev.wasihttp.http.proxy;

import dev.wasihttp.http.HttpExchange;
import dev.wasihttp.http.HttpField;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory {@link HttpExchange} for socket-less tests: the request is given up front (or a
 * stream, for streaming tests), the response is recorded, and every call the host makes is checked
 * against the exchange's contract (respond at most once, body only after respond, exactly one
 * ending).
 *
 * <p>Public for the component runtime's tests, which run real guests on instances they link by hand
 * against the wasi:http host.
 */
public final class MemoryExchange implements HttpExchange {
  final String method;
  final String pathWithQuery;
  String scheme = "http";
  String authority = "localhost:8080";
  final List<HttpField> requestHeaders = new ArrayList<>();
  List<HttpField> requestTrailers = List.of();
  InputStream requestBody = new ByteArrayInputStream(new byte[0]);

  // ---- what the host did ----
  int status = -1;
  List<HttpField> headers;

  /** The response body bytes written, all of them (read it once the request has ended). */
  public final ByteArrayOutputStream body = new ByteArrayOutputStream();

  /** How many times the host flushed the response body. */
  public final AtomicInteger flushes = new AtomicInteger();

  /** The body bytes written before the last flush: what a client would have received. */
  private long flushed;

  /** The length of every response body write, in order. */
  final List<Integer> writes = Collections.synchronizedList(new ArrayList<>());

  List<HttpField> trailers;
  String failReason;
  List<HttpField> failHeaders;
  String abortReason;
  int failStatus = -1;
  boolean finished;

  /**
   * The response calls the host made, in order: {@code respond STATUS}, {@code finish}, {@code
   * abort}, {@code fail STATUS}, and {@code CONTRACT VIOLATION: ...} for a call out of order (which
   * also throws).
   */
  public final List<String> calls = Collections.synchronizedList(new ArrayList<>());

  /** Counts down at the first response body byte. */
  final CountDownLatch firstByte = new CountDownLatch(1);

  private boolean expectsContinue;
  private long writesFailAfter = Long.MAX_VALUE;
  private Exception writeFailure;
  private boolean writesBlock;
  private boolean trailersInCalls;

  /** A request for {@code pathWithQuery} by {@code method}, without headers or body. */
  public MemoryExchange(String method, String pathWithQuery) {
    this.method = method;
    this.pathWithQuery = pathWithQuery;
  }

  /** Adds the request header {@code name: value}. */
  public MemoryExchange header(String name, String value) {
    requestHeaders.add(HttpField.latin1(name, value));
    return this;
  }

  /** The request's scheme ({@code http} unless set). */
  public MemoryExchange scheme(String scheme) {
    this.scheme = scheme;
    return this;
  }

  /** The request's authority ({@code localhost:8080} unless set). */
  public MemoryExchange authority(String authority) {
    this.authority = authority;
    return this;
  }

  /** The request trailers, there once the body has been read (none unless set). */
  public MemoryExchange requestTrailers(List<HttpField> trailers) {
    this.requestTrailers = trailers;
    return this;
  }

  /** The request body: {@code bytes}, all there from the start. */
  public MemoryExchange body(byte[] bytes) {
    requestBody = new ByteArrayInputStream(bytes);
    return this;
  }

  /** The request body: what {@code in} gives, as it gives it. */
  public MemoryExchange body(InputStream in) {
    requestBody = in;
    return this;
  }

  /**
   * {@code finish} records its trailers too, when there are any: {@code finish [name: value, ...]}
   * in {@link #calls}.
   */
  public MemoryExchange trailersInCalls() {
    trailersInCalls = true;
    return this;
  }

  /**
   * A response body write that would take the body past {@code bytes} throws {@code failure}
   * instead: an {@link IOException} as when the client went away, an unchecked exception as a
   * container's bug.
   */
  public MemoryExchange writesFailAfter(long bytes, Exception failure) {
    if (!(failure instanceof IOException || failure instanceof RuntimeException)) {
      throw new IllegalArgumentException("an OutputStream cannot throw " + failure);
    }
    writesFailAfter = bytes;
    writeFailure = failure;
    return this;
  }

  /**
   * Every response body write blocks until the writing thread is interrupted, then clears the
   * interrupt and throws {@link InterruptedIOException}, as a container's blocking write to a
   * client that reads nothing does (Jetty's, for one). A write not interrupted within 60 s throws
   * {@link IOException}.
   */
  public MemoryExchange writesBlockUntilInterrupted() {
    writesBlock = true;
    return this;
  }

  /** Waits up to {@code millis} until the response body holds {@code bytes}; false on timeout. */
  synchronized boolean awaitBody(long bytes, long millis) throws InterruptedException {
    long end = System.nanoTime() + millis * 1_000_000;
    while (body.size() < bytes) {
      long left = (end - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        return false;
      }
      wait(left);
    }
    return true;
  }

  /**
   * Waits up to {@code millis} until {@code bytes} of the body were flushed, as a client would see
   * them; false on timeout.
   */
  synchronized boolean awaitFlushed(long bytes, long millis) throws InterruptedException {
    long end = System.nanoTime() + millis * 1_000_000;
    while (flushed < bytes) {
      long left = (end - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        return false;
      }
      wait(left);
    }
    return true;
  }

  /** The response body written so far, as UTF-8. */
  public String bodyText() {
    return body.toString(StandardCharsets.UTF_8);
  }

  /** The response headers {@code respond} was given, or null before it. */
  public List<HttpField> headers() {
    return headers;
  }

  /** The first response header value named {@code name} (any case), or null. */
  String header(String name) {
    for (HttpField f : headers) {
      if (f.name().equalsIgnoreCase(name)) {
        return f.latin1Value();
      }
    }
    return null;
  }

  @Override
  public String method() {
    return method;
  }

  @Override
  public String scheme() {
    return scheme;
  }

  @Override
  public String authority() {
    return authority;
  }

  @Override
  public String pathWithQuery() {
    return pathWithQuery;
  }

  /**
   * The client sent {@code Expect: 100-continue}: as a container, the first read of the body sends
   * {@code 100 Continue} (recorded in {@link #calls} as {@code 100 continue}) unless the response
   * was already committed by a flush ({@code no 100: committed}), when a client would wait for it
   * in vain before sending the body anyway.
   */
  public MemoryExchange expectContinue() {
    expectsContinue = true;
    requestHeaders.add(HttpField.latin1("expect", "100-continue"));
    InputStream body = requestBody;
    requestBody =
        new java.io.FilterInputStream(body) {
          boolean first = true;

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            if (first) {
              first = false;
              calls.add(flushes.get() == 0 ? "100 continue" : "no 100: committed");
            }
            return super.read(b, off, len);
          }
        };
    return this;
  }

  @Override
  public boolean expectsContinue() {
    return expectsContinue;
  }

  @Override
  public List<HttpField> requestHeaders() {
    return requestHeaders;
  }

  @Override
  public InputStream requestBody() {
    return requestBody;
  }

  @Override
  public List<HttpField> requestTrailers() {
    return requestTrailers;
  }

  @Override
  public synchronized void respond(int status, List<HttpField> headers) {
    check(this.status < 0 && failStatus < 0, "respond twice or after fail");
    calls.add("respond " + status);
    this.status = status;
    this.headers = List.copyOf(headers);
  }

  @Override
  public OutputStream responseBody() {
    check(status >= 0, "responseBody before respond");
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        check(!finished && abortReason == null, "write after the end");
        if (writesBlock) {
          try {
            new CountDownLatch(1).await(60, TimeUnit.SECONDS);
            throw new IOException("the write was not interrupted within 60 s");
          } catch (InterruptedException e) { // the flag is cleared: swallowed
            throw new InterruptedIOException("write interrupted");
          }
        }
        synchronized (MemoryExchange.this) {
          if (body.size() + len > writesFailAfter) {
            if (writeFailure instanceof IOException e) {
              throw e;
            }
            throw (RuntimeException) writeFailure;
          }
          body.write(b, off, len);
          writes.add(len);
          MemoryExchange.this.notifyAll();
        }
        if (len > 0) {
          firstByte.countDown();
        }
      }

      @Override
      public void flush() {
        flushes.incrementAndGet();
        synchronized (MemoryExchange.this) {
          flushed = body.size();
          MemoryExchange.this.notifyAll();
        }
      }
    };
  }

  @Override
  public synchronized void finish(List<HttpField> trailers) {
    check(status >= 0 && !finished && abortReason == null, "finish out of order");
    calls.add("finish" + (trailersInCalls && !trailers.isEmpty() ? " " + trailers : ""));
    this.trailers = List.copyOf(trailers);
    finished = true;
  }

  @Override
  public synchronized void abort(String reason) {
    check(status >= 0 && !finished && abortReason == null, "abort out of order");
    calls.add("abort");
    abortReason = reason;
  }

  @Override
  public void fail(int status, String reason) {
    fail(status, List.of(), reason);
  }

  @Override
  public synchronized void fail(int status, List<HttpField> headers, String reason) {
    check(this.status < 0 && failStatus < 0, "fail after respond or twice");
    calls.add("fail " + status);
    failStatus = status;
    failHeaders = List.copyOf(headers);
    failReason = reason;
  }

  private void check(boolean ok, String what) {
    if (!ok) {
      calls.add("CONTRACT VIOLATION: " + what);
      throw new IllegalStateException(what);
    }
  }
}
