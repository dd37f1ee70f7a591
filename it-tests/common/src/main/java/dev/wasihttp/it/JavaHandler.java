package dev.wasihttp.it;

import dev.wasihttp.http.ExchangeHandler;
import dev.wasihttp.http.HttpExchange;
import dev.wasihttp.http.HttpField;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A handler written in Java with the shape of the wasi:http host, to test the servlet's mapping of
 * requests and responses without a component. Routes by the last path segment:
 *
 * <ul>
 *   <li>{@code info}: body {@code METHOD scheme authority path-with-query}
 *   <li>{@code headers}: body of {@code name: value} lines, the value's bytes as received
 *   <li>{@code echo}: the request body streamed back; with {@code ?trailers}, a last line {@code
 *       trailers: name: value ...} lists the request trailers
 *   <li>{@code dup}: status from {@code ?NNN}, fields {@code x-dup: 1}, {@code x-dup: 2}
 *   <li>{@code poll}: commits headers, then waits for {@link #release()} before the body
 *   <li>{@code trailers}: declares {@code Trailer: x-sum} and sends it after the body
 *   <li>{@code undeclared}: sends a trailer it did not declare (dropped, logged)
 *   <li>{@code abort} / {@code abortlength}: 200, some bytes, then an abort (chunked / with a
 *       larger Content-Length)
 *   <li>{@code fail}: {@code fail(500)} before any response; {@code busy}: {@code fail(503)} with
 *       {@code Retry-After: 1}; {@code throw}: throws
 *   <li>{@code noend}: returns after respond without finishing the body
 * </ul>
 */
public final class JavaHandler implements ExchangeHandler {
  private volatile CountDownLatch poll = new CountDownLatch(1);

  /** Lets a waiting {@code poll} request finish (and arms the next one). */
  public void release() {
    CountDownLatch l = poll;
    poll = new CountDownLatch(1);
    l.countDown();
  }

  @Override
  public void handle(HttpExchange ex) {
    try {
      route(ex);
    } catch (IOException e) {
      ex.abort("I/O: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ex.abort("interrupted");
    }
  }

  private void route(HttpExchange ex) throws IOException, InterruptedException {
    String target = ex.pathWithQuery();
    int q = target.indexOf('?');
    String path = q < 0 ? target : target.substring(0, q);
    String query = q < 0 ? "" : target.substring(q + 1);
    String route = path.substring(path.lastIndexOf('/') + 1);
    switch (route) {
      case "headers":
        {
          ByteArrayOutputStream b = new ByteArrayOutputStream();
          for (HttpField f : ex.requestHeaders()) {
            b.write((f.name() + ": ").getBytes(StandardCharsets.ISO_8859_1));
            b.write(f.value());
            b.write('\n');
          }
          text(ex, 200, b.toByteArray(), List.of());
          return;
        }
      case "echo":
        {
          ex.respond(200, List.of(HttpField.latin1("content-type", "application/octet-stream")));
          OutputStream out = ex.responseBody();
          InputStream in = ex.requestBody();
          byte[] buf = new byte[8192];
          for (int n; (n = in.read(buf)) >= 0; ) {
            out.write(buf, 0, n);
            out.flush();
          }
          if (query.equals("trailers")) {
            StringBuilder s = new StringBuilder("\ntrailers:");
            for (HttpField f : ex.requestTrailers()) {
              s.append(' ').append(f);
            }
            out.write(s.toString().getBytes(StandardCharsets.ISO_8859_1));
          }
          ex.finish(List.of());
          return;
        }
      case "dup":
        {
          int status = query.isEmpty() ? 200 : Integer.parseInt(query);
          List<HttpField> h = new ArrayList<>();
          h.add(HttpField.latin1("x-dup", "1"));
          h.add(HttpField.latin1("content-type", "text/plain"));
          h.add(HttpField.latin1("x-dup", "2"));
          text(ex, status, "dup".getBytes(StandardCharsets.US_ASCII), h);
          return;
        }
      case "poll":
        ex.respond(200, List.of(HttpField.latin1("content-type", "text/plain")));
        ex.responseBody().flush(); // the head goes out now, before the body exists
        if (!poll.await(30, TimeUnit.SECONDS)) {
          ex.abort("poll never released");
          return;
        }
        ex.responseBody().write("released".getBytes(StandardCharsets.US_ASCII));
        ex.finish(List.of());
        return;
      case "trailers":
      case "undeclared":
        ex.respond(
            200,
            route.equals("trailers")
                ? List.of(
                    HttpField.latin1("content-type", "text/plain"),
                    HttpField.latin1("trailer", "x-sum"))
                : List.of(HttpField.latin1("content-type", "text/plain")));
        ex.responseBody().write("body".getBytes(StandardCharsets.US_ASCII));
        ex.finish(List.of(HttpField.latin1("x-sum", "42")));
        return;
      case "abort":
      case "abortlength":
        ex.respond(
            200,
            route.equals("abort")
                ? List.of(HttpField.latin1("content-type", "text/plain"))
                : List.of(
                    HttpField.latin1("content-type", "text/plain"),
                    HttpField.latin1("content-length", "100000")));
        OutputStream out = ex.responseBody();
        out.write(new byte[1000]);
        out.flush();
        ex.abort("the guest gave up (test)");
        return;
      case "fail":
        ex.fail(500, "requested failure (test)");
        return;
      case "busy":
        ex.fail(503, List.of(HttpField.latin1("Retry-After", "1")), "requested refusal (test)");
        return;
      case "throw":
        throw new IllegalStateException("thrown by the handler (test)");
      case "noend":
        ex.respond(200, List.of(HttpField.latin1("content-type", "text/plain")));
        ex.responseBody().write("partial".getBytes(StandardCharsets.US_ASCII));
        ex.responseBody().flush();
        return;
      default:
        {
          String info =
              ex.method() + " " + ex.scheme() + " " + ex.authority() + " " + ex.pathWithQuery();
          text(ex, 200, info.getBytes(StandardCharsets.UTF_8), List.of());
        }
    }
  }

  private static void text(HttpExchange ex, int status, byte[] body, List<HttpField> headers)
      throws IOException {
    List<HttpField> h = new ArrayList<>(headers);
    if (headers.isEmpty()) {
      h.add(HttpField.latin1("content-type", "text/plain"));
    }
    h.add(HttpField.latin1("content-length", Integer.toString(body.length)));
    ex.respond(status, h);
    if (!ex.method().equals("HEAD")) {
      ex.responseBody().write(body);
    }
    ex.finish(List.of());
  }
}
