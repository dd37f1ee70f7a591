package dev.wasihttp.http.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * The upstream of the outgoing-handler tests (and of the proxy sample's tests in {@code
 * dev.wasihttp.http}): a Jetty server on 127.0.0.1 that reports what it received in {@code x-*}
 * response headers and echoes the body, plus a few special routes.
 */
public final class Upstream implements AutoCloseable {
  final Server server = new Server();
  final AtomicInteger connections = new AtomicInteger();

  /** Requests whose head has arrived (counted before the body is read). */
  public final AtomicInteger requests = new AtomicInteger();

  /** Bytes the {@code /big} route has handed to its connection so far. */
  static final AtomicLong bigWritten = new AtomicLong();

  public final int port;

  public Upstream() throws Exception {
    ServerConnector c = new ServerConnector(server);
    c.setHost("127.0.0.1");
    c.addEventListener(
        new Connection.Listener() {
          @Override
          public void onOpened(Connection connection) {
            connections.incrementAndGet();
          }
        });
    server.addConnector(c);
    server.setHandler(
        new Handler.Abstract() {
          @Override
          public boolean handle(Request request, Response response, Callback callback)
              throws Exception {
            requests.incrementAndGet();
            return Upstream.handle(request, response, callback);
          }
        });
    server.start();
    port = c.getLocalPort();
  }

  public String authority() {
    return "127.0.0.1:" + port;
  }

  private static boolean handle(Request request, Response response, Callback callback)
      throws Exception {
    String path = request.getHttpURI().getPathQuery();
    HttpFields.Mutable out = response.getHeaders();
    if (path.startsWith("/slow")) {
      Thread.sleep(2000);
    }
    if (path.startsWith("/redirect")) {
      response.setStatus(302);
      out.put("Location", "/echo");
      out.put("Set-Cookie", "session=1; Path=/");
      Content.Sink.write(response, true, "moved", callback);
      return true;
    }
    if (path.startsWith("/gzip")) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      try (GZIPOutputStream z = new GZIPOutputStream(b)) {
        z.write("hello".getBytes(StandardCharsets.ISO_8859_1));
      }
      out.put("Content-Encoding", "gzip");
      response.write(true, ByteBuffer.wrap(b.toByteArray()), callback);
      return true;
    }
    if (path.startsWith("/big")) {
      int n = Integer.parseInt(path.substring(path.indexOf('=') + 1));
      byte[] chunk = new byte[16 * 1024];
      for (int sent = 0; sent < n; sent += chunk.length) {
        int len = Math.min(chunk.length, n - sent);
        Callback.Completable c = new Callback.Completable();
        response.write(false, ByteBuffer.wrap(chunk, 0, len), c);
        c.get(); // blocks while the client does not read: back-pressure reaches here
        bigWritten.addAndGet(len);
      }
      response.write(true, null, callback);
      return true;
    }
    if (path.startsWith("/duplex")) {
      response.setStatus(200);
      Content.copy(request, response, callback); // each chunk goes back as it arrives
      return true;
    }
    if (path.startsWith("/stall")) {
      Callback.Completable c = new Callback.Completable();
      response.write(false, ByteBuffer.wrap("first".getBytes(StandardCharsets.ISO_8859_1)), c);
      c.get();
      Thread.sleep(2000);
      response.write(true, ByteBuffer.wrap("late".getBytes(StandardCharsets.ISO_8859_1)), callback);
      return true;
    }
    String body = Content.Source.asString(request, StandardCharsets.ISO_8859_1);
    HttpFields in = request.getHeaders();
    HttpFields trailers = request.getTrailers();
    response.setStatus(201);
    out.put("x-method", request.getMethod());
    out.put("x-path", path);
    for (String name :
        new String[] {
          "Host",
          "User-Agent",
          "Content-Type",
          "Accept-Encoding",
          "x-custom",
          "Cookie",
          "Content-Length",
          "Transfer-Encoding",
          "Expect",
          "x-upstream",
          "x-connect-timeout-ms",
          "x-first-byte-timeout-ms",
          "x-between-bytes-timeout-ms"
        }) {
      out.put("x-" + name.toLowerCase(), String.valueOf(in.get(name)));
    }
    out.put("x-trailer", String.valueOf(trailers == null ? null : trailers.get("x-sum")));
    out.put("Trailer", "x-echo");
    response.setTrailersSupplier(() -> HttpFields.build().put("x-echo", "done"));
    Content.Sink.write(response, true, body, callback);
    return true;
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
