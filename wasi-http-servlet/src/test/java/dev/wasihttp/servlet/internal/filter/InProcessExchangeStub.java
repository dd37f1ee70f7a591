package dev.wasihttp.servlet.internal.filter;

import dev.wasihttp.http.HttpExchange;
import dev.wasihttp.http.HttpField;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An in-process exchange as the filter's wrappers see one: a guest's request given up front, the
 * response recorded call by call ({@link #calls}).
 */
final class InProcessExchangeStub implements HttpExchange {
  private final String method;
  private final String target;
  private final List<HttpField> headers;
  private final byte[] body;
  final List<String> calls = new ArrayList<>();
  final ByteArrayOutputStream response = new ByteArrayOutputStream();
  List<HttpField> responseHeaders;
  List<HttpField> trailers;
  int status;

  InProcessExchangeStub(String method, String target, List<HttpField> headers, String body) {
    this.method = method;
    this.target = target;
    this.headers = headers;
    this.body = body.getBytes(StandardCharsets.UTF_8);
  }

  String text() {
    return response.toString(StandardCharsets.UTF_8);
  }

  /** The response field {@code name}'s first value, or null. */
  String header(String name) {
    for (HttpField f : responseHeaders) {
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
    return "http";
  }

  @Override
  public String authority() {
    return "shop.example:8080";
  }

  @Override
  public String pathWithQuery() {
    return target;
  }

  @Override
  public List<HttpField> requestHeaders() {
    return headers;
  }

  @Override
  public InputStream requestBody() {
    return new ByteArrayInputStream(body);
  }

  @Override
  public List<HttpField> requestTrailers() {
    return List.of(HttpField.latin1("x-sum", "42"));
  }

  @Override
  public void respond(int status, List<HttpField> headers) {
    calls.add("respond " + status);
    this.status = status;
    this.responseHeaders = headers;
  }

  @Override
  public OutputStream responseBody() {
    return response;
  }

  @Override
  public void finish(List<HttpField> trailerFields) {
    calls.add("finish");
    this.trailers = trailerFields;
  }

  @Override
  public void abort(String reason) {
    calls.add("abort");
  }

  @Override
  public void fail(int status, String reason) {
    calls.add("fail " + status);
  }
}
