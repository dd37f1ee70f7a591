package dev.wasihttp.servlet;

import dev.wasihttp.http.HttpExchange;
import dev.wasihttp.http.HttpField;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A request for a handler without a container: given up front (the body may be any stream, e.g. one
 * that blocks), its response recorded. {@link #ending} says how it ended.
 */
final class RecordingExchange implements HttpExchange {
  private final String method;
  private final String target;
  private final InputStream body;
  final ByteArrayOutputStream response = new ByteArrayOutputStream();

  /** Counts down when the response head is set. */
  final CountDownLatch responded = new CountDownLatch(1);

  volatile int status = -1;

  /** {@code finish}, {@code abort: REASON}, {@code fail STATUS: REASON}, or null while open. */
  volatile String ending;

  RecordingExchange(String method, String target, InputStream body) {
    this.method = method;
    this.target = target;
    this.body = body;
  }

  /** A GET of {@code target} without a body. */
  static RecordingExchange get(String target) {
    return new RecordingExchange("GET", target, new ByteArrayInputStream(new byte[0]));
  }

  /** The response body as text. */
  String text() {
    return response.toString(StandardCharsets.UTF_8);
  }

  @Override
  public String method() {
    return method;
  }

  @Override
  public String scheme() {
    return "http";
  }

  @Override
  public String authority() {
    return "localhost";
  }

  @Override
  public String pathWithQuery() {
    return target;
  }

  @Override
  public List<HttpField> requestHeaders() {
    return List.of();
  }

  @Override
  public InputStream requestBody() {
    return body;
  }

  @Override
  public List<HttpField> requestTrailers() {
    return List.of();
  }

  @Override
  public void respond(int status, List<HttpField> headers) {
    this.status = status;
    responded.countDown();
  }

  @Override
  public OutputStream responseBody() {
    return response;
  }

  @Override
  public void finish(List<HttpField> trailers) {
    ending = "finish";
  }

  @Override
  public void abort(String reason) {
    ending = "abort: " + reason;
  }

  @Override
  public void fail(int status, String reason) {
    this.status = status;
    ending = "fail " + status + ": " + reason;
    responded.countDown();
  }
}
