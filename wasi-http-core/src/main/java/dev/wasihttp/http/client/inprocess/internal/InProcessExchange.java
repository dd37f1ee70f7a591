package dev.wasihttp.http.client.inprocess.internal;

import dev.wasihttp.http.ExchangeHandler;
import dev.wasihttp.http.GuardedExchange;
import dev.wasihttp.http.HttpExchange;
import dev.wasihttp.http.HttpField;
import dev.wasihttp.http.LogSink;
import dev.wasihttp.http.client.ErrorCodes;
import dev.wasihttp.http.client.FutureIncomingResponse;
import dev.wasihttp.http.client.OutgoingRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * A guest's outgoing request served in process: the {@link HttpExchange} an in-process handler
 * (another component's handler, a servlet filter chain) runs, whose request side is the guest's
 * request and whose response side completes the guest's {@code future-incoming-response}.
 *
 * <ul>
 *   <li>request: method, scheme, authority, target and fields as the guest set them; the body is
 *       the guest's writes through a bounded {@link BodyPipe} (reads block until bytes come), then
 *       its trailers;
 *   <li>{@link #respond} completes the future with a body that the handler's writes feed through a
 *       bounded pipe of {@link #RESPONSE_CAPACITY} bytes (a write waits while the guest has not
 *       read); {@link #finish} ends it with trailers; {@link #abort} fails it, and the guest's read
 *       gets {@code HTTP-response-incomplete};
 *   <li>{@link #fail} answers the status and fields with an empty body (a 503 with {@code
 *       Retry-After} from a busy handler, a status for a guest's {@code set(err)});
 *   <li>{@link #failUnanswered} (a handler that trapped, threw, returned without responding or ran
 *       past its deadline) fails the future instead, as a connection closed without a response:
 *       {@code connection-terminated}, or {@code HTTP-response-timeout} after a deadline (504).
 * </ul>
 *
 * <p>When the caller goes away ({@link #callerGone}: it dropped the future, the response body or
 * the request body, or its instance ended), the handler sees a client that went away: its reads and
 * writes fail. Once the handler has returned, the guest's further request body bytes are dropped,
 * as a server drains a body it did not read.
 *
 * <p>The request side is read by the handler's threads, the response side written by its thread;
 * {@link #callerGone} comes from the guest's. Thread-safe for that.
 */
final class InProcessExchange implements HttpExchange {
  /** 256 KiB: response bytes held for the guest before the handler's writes wait. */
  static final int RESPONSE_CAPACITY = 256 * 1024;

  private final OutgoingRequest request;
  private final BodyPipe requestBody;
  private final BodyPipe responseBody;
  private final FutureIncomingResponse future;
  private final int maxFieldSize;
  private final ResponseBody source;
  private volatile String goneReason;

  /**
   * The exchange of {@code request}, whose body the handler reads from {@code requestBody},
   * answered through {@code future}; response heads and trailers over {@code maxFieldSize} bytes
   * (as {@code fields} count them) fail the request.
   */
  InProcessExchange(
      OutgoingRequest request,
      BodyPipe requestBody,
      FutureIncomingResponse future,
      int maxFieldSize) {
    this.request = request;
    this.requestBody = requestBody;
    this.future = future;
    this.maxFieldSize = maxFieldSize;
    this.responseBody = new BodyPipe(RESPONSE_CAPACITY, future.waker()::wake, null);
    this.source = new ResponseBody(responseBody, this);
  }

  /**
   * Runs {@code handler} on this exchange under {@link GuardedExchange}'s rules, on the calling
   * thread, logging as {@code tag}; then drops what the caller still writes. Whatever happens, the
   * caller's future is completed when this returns.
   */
  void run(ExchangeHandler handler, LogSink log, String tag) {
    try {
      GuardedExchange.run(handler, this, log, tag);
    } finally {
      requestBody.discard();
      if (!future.isDone()) { // an Error got through the guard
        future.fail(ErrorCodes.of("connection-terminated"));
      }
      responseBody.fail(
          new IOException("the in-process handler ended without ending its response"));
    }
  }

  /**
   * The caller went away ({@code why}): the handler's reads and writes fail from now on, and a
   * response not ended yet fails.
   */
  void callerGone(String why) {
    goneReason = why;
    IOException gone = new IOException("the caller went away: " + why);
    requestBody.fail(gone);
    responseBody.fail(gone);
  }

  // ---- the request side ----

  @Override
  public String method() {
    return request.method();
  }

  @Override
  public String scheme() {
    return request.scheme();
  }

  @Override
  public String authority() {
    return request.authority();
  }

  @Override
  public String pathWithQuery() {
    return request.pathWithQuery();
  }

  @Override
  public List<HttpField> requestHeaders() {
    return request.headers();
  }

  @Override
  public InputStream requestBody() {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return requestBody.read(b, off, len);
      }
    };
  }

  @Override
  public List<HttpField> requestTrailers() {
    List<HttpField> t = requestBody.trailers();
    return t == null ? List.of() : t;
  }

  // ---- the response side ----

  @Override
  public void respond(int status, List<HttpField> headers) throws IOException {
    checkCaller();
    checkSection(headers, "HTTP-response-header-section-size");
    future.respond(status, headers, source);
  }

  @Override
  public OutputStream responseBody() {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        responseBody.write(b, off, len);
      }
    };
  }

  @Override
  public void finish(List<HttpField> trailers) throws IOException {
    checkCaller();
    checkSection(trailers, "HTTP-response-trailer-section-size");
    responseBody.end(trailers);
    IOException failure = responseBody.failure();
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public void abort(String reason) {
    responseBody.fail(new Aborted(reason));
  }

  @Override
  public void fail(int status, String reason) {
    fail(status, List.of(), reason);
  }

  @Override
  public void fail(int status, List<HttpField> headers, String reason) {
    if (FieldSections.size(headers) > maxFieldSize) {
      future.fail(ErrorCodes.of("HTTP-response-header-section-size"));
      return;
    }
    responseBody.end(List.of());
    future.respond(status, headers, source);
  }

  @Override
  public void failUnanswered(int status, String reason) {
    future.fail(ErrorCodes.of(status == 504 ? "HTTP-response-timeout" : "connection-terminated"));
  }

  private void checkCaller() throws IOException {
    String why = goneReason;
    if (why != null) {
      throw new IOException("the caller went away: " + why);
    }
  }

  /**
   * Fails the request with {@code code} when {@code fields} are over the caller's cap: the guest
   * would never be shown them, as a network response's head over the cap is refused.
   */
  private void checkSection(List<HttpField> fields, String code) throws IOException {
    if (FieldSections.size(fields) > maxFieldSize) {
      FieldSections.TooLarge tooLarge = new FieldSections.TooLarge(code, maxFieldSize);
      if (!future.isDone()) {
        future.fail(ErrorCodes.of(code));
      }
      responseBody.fail(tooLarge);
      throw tooLarge;
    }
  }

  /** The handler aborted its response after it began. */
  static final class Aborted extends IOException {
    private static final long serialVersionUID = 1L;

    Aborted(String reason) {
      super("the in-process response was aborted: " + reason);
    }
  }
}
