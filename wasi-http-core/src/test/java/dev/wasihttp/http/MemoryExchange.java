package dev.wasihttp.http;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * An in-memory {@link HttpExchange} for socket-less tests: the request is given up front (or a
 * stream, for streaming tests), the response is recorded, and every call the host makes is checked
 * against the exchange's contract (respond at most once, body only after respond, exactly one
 * ending).
 */
final class MemoryExchange implements HttpExchange {
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
  final ByteArrayOutputStream body = new ByteArrayOutputStream();
  List<HttpField> trailers;
  String failReason;
  String abortReason;
  int failStatus = -1;
  boolean finished;
  final List<String> calls = Collections.synchronizedList(new ArrayList<>());

  /** Counts down at the first response body byte. */
  final CountDownLatch firstByte = new CountDownLatch(1);

  MemoryExchange(String method, String pathWithQuery) {
    this.method = method;
    this.pathWithQuery = pathWithQuery;
  }

  MemoryExchange header(String name, String value) {
    requestHeaders.add(HttpField.latin1(name, value));
    return this;
  }

  MemoryExchange body(byte[] bytes) {
    requestBody = new ByteArrayInputStream(bytes);
    return this;
  }

  MemoryExchange body(InputStream in) {
    requestBody = in;
    return this;
  }

  String bodyText() {
    return body.toString(StandardCharsets.UTF_8);
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
      public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        check(!finished && abortReason == null, "write after the end");
        synchronized (MemoryExchange.this) {
          body.write(b, off, len);
        }
        if (len > 0) {
          firstByte.countDown();
        }
      }
    };
  }

  @Override
  public synchronized void finish(List<HttpField> trailers) {
    check(status >= 0 && !finished && abortReason == null, "finish out of order");
    calls.add("finish");
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
  public synchronized void fail(int status, String reason) {
    check(this.status < 0 && failStatus < 0, "fail after respond or twice");
    calls.add("fail " + status);
    failStatus = status;
    failReason = reason;
  }

  private void check(boolean ok, String what) {
    if (!ok) {
      calls.add("CONTRACT VIOLATION: " + what);
      throw new IllegalStateException(what);
    }
  }
}
