package dev.wasihttp.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;

/**
 * An {@link HttpExchange} that passes every call on to the exchange it wraps: the base for a
 * wrapper that changes a few methods and must pass on all the others, including the ones {@link
 * HttpExchange} gains later (as the servlet API's {@code HttpServletRequestWrapper} and Jetty's
 * {@code Request.Wrapper} are for theirs). The interface's default methods ({@link #fail(int, List,
 * String)}, {@link #failUnanswered}) are passed on too, not run here, so a wrapped exchange that
 * overrides them keeps its own behaviour.
 *
 * <p>Subclass it and override what changes:
 *
 * <pre>{@code
 * HttpExchange prefixed = new HttpExchangeWrapper(exchange) {
 *   @Override
 *   public String pathWithQuery() {
 *     return "/app" + super.pathWithQuery();
 *   }
 * };
 * }</pre>
 *
 * <p>Thread-safety and every contract are the wrapped exchange's.
 */
public abstract class HttpExchangeWrapper implements HttpExchange {
  private final HttpExchange wrapped;

  /**
   * Wraps {@code wrapped}.
   *
   * @throws NullPointerException if {@code wrapped} is null
   */
  protected HttpExchangeWrapper(HttpExchange wrapped) {
    this.wrapped = Objects.requireNonNull(wrapped, "wrapped");
  }

  /**
   * The exchange every call goes on to. Protected, not public: a wrapper that guards the exchange
   * ({@link GuardedExchange}) must not hand its callers a way around itself.
   */
  protected final HttpExchange wrapped() {
    return wrapped;
  }

  @Override
  public String method() {
    return wrapped.method();
  }

  @Override
  public String scheme() {
    return wrapped.scheme();
  }

  @Override
  public String authority() {
    return wrapped.authority();
  }

  @Override
  public String pathWithQuery() {
    return wrapped.pathWithQuery();
  }

  @Override
  public List<HttpField> requestHeaders() {
    return wrapped.requestHeaders();
  }

  @Override
  public InputStream requestBody() throws IOException {
    return wrapped.requestBody();
  }

  @Override
  public List<HttpField> requestTrailers() {
    return wrapped.requestTrailers();
  }

  @Override
  public boolean expectsContinue() {
    return wrapped.expectsContinue();
  }

  @Override
  public void respond(int status, List<HttpField> headers) throws IOException {
    wrapped.respond(status, headers);
  }

  @Override
  public OutputStream responseBody() throws IOException {
    return wrapped.responseBody();
  }

  @Override
  public void finish(List<HttpField> trailers) throws IOException {
    wrapped.finish(trailers);
  }

  @Override
  public void abort(String reason) {
    wrapped.abort(reason);
  }

  @Override
  public void fail(int status, String reason) {
    wrapped.fail(status, reason);
  }

  @Override
  public void fail(int status, List<HttpField> headers, String reason) {
    wrapped.fail(status, headers, reason);
  }

  @Override
  public void failUnanswered(int status, String reason) {
    wrapped.failUnanswered(status, reason);
  }
}
