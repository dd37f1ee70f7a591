package dev.wasihttp.it;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The upstream a proxied request reaches: a Jetty core server on 127.0.0.1 with three connectors,
 * {@link #http} (HTTP/1.1 and h2c), {@link #https} (TLS, ALPN offering h2 and http/1.1) and {@link
 * #https11} (TLS, HTTP/1.1 only), all with one self-signed certificate made at start with the JDK's
 * {@code keytool} and kept in {@link #trustStore} (PKCS12, password {@link #PASSWORD}).
 *
 * <p>Routes:
 *
 * <ul>
 *   <li>{@code /slow}: sleeps 2 s before answering (a first-byte timeout fires);
 *   <li>{@code /stall}: answers 200 with {@code first}, sleeps 2 s, then {@code late} (a
 *       between-bytes timeout fires);
 *   <li>anything else echoes: status from the request header {@code x-status} (default 200);
 *       response headers {@code x-upstream-method}, {@code -path}, {@code -protocol}, {@code
 *       -secure}, {@code -host}, {@code -transfer-encoding}, {@code -content-length}, every request
 *       header starting {@code x-echo-} as it came; the body copied back as it arrives (counted in
 *       {@link #received}); trailer {@code x-upstream-trailer} = the request trailer {@code x-req}
 *       (or {@code none}), declared in a {@code Trailer} header.
 * </ul>
 *
 * {@link #opened} and {@link #closed} count connections, so a test can tell that a request opened
 * none or that every connection was closed.
 */
public final class Upstream implements AutoCloseable {
  /** The trust store's password. */
  public static final String PASSWORD = "upstream-secret";

  public final int http;
  public final int https;
  public final int https11;
  public final Path trustStore;
  public final AtomicInteger opened = new AtomicInteger();
  public final AtomicInteger closed = new AtomicInteger();

  /** Request body bytes the echo route has read, over every request. */
  public final AtomicLong received = new AtomicLong();

  private final Server server = new Server();
  private final Path dir;

  public Upstream() throws Exception {
    dir = Files.createTempDirectory("upstream");
    trustStore = dir.resolve("upstream.p12");
    keytool(trustStore);

    HttpConfiguration plain = new HttpConfiguration();
    ServerConnector h1 =
        connector(new HttpConnectionFactory(plain), new HTTP2CServerConnectionFactory(plain));

    HttpConfiguration secure = new HttpConfiguration();
    secure.addCustomizer(new SecureRequestCustomizer(false)); // the SAN is an IP, not a name
    ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory("h2", "http/1.1");
    alpn.setDefaultProtocol("http/1.1");
    ServerConnector h2 =
        connector(
            new SslConnectionFactory(tls(), alpn.getProtocol()),
            alpn,
            new HTTP2ServerConnectionFactory(secure),
            new HttpConnectionFactory(secure));
    ServerConnector tls11 =
        connector(new SslConnectionFactory(tls(), "http/1.1"), new HttpConnectionFactory(secure));
    server.setHandler(
        new Handler.Abstract() {
          @Override
          public boolean handle(Request request, Response response, Callback callback)
              throws Exception {
            return Upstream.this.handle(request, response, callback);
          }
        });
    server.start();
    http = h1.getLocalPort();
    https = h2.getLocalPort();
    https11 = tls11.getLocalPort();
  }

  /** Connections open right now. */
  public int open() {
    return opened.get() - closed.get();
  }

  private SslContextFactory.Server tls() {
    SslContextFactory.Server tls = new SslContextFactory.Server();
    tls.setKeyStorePath(trustStore.toString());
    tls.setKeyStorePassword(PASSWORD);
    return tls;
  }

  private ServerConnector connector(ConnectionFactory... factories) {
    ServerConnector c = new ServerConnector(server, factories);
    c.setHost("127.0.0.1");
    c.addEventListener(
        new Connection.Listener() {
          @Override
          public void onOpened(Connection connection) {
            opened.incrementAndGet();
          }

          @Override
          public void onClosed(Connection connection) {
            closed.incrementAndGet();
          }
        });
    server.addConnector(c);
    return c;
  }

  private static void keytool(Path store) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "upstream",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=ip:127.0.0.1",
                "-validity",
                "2",
                "-keystore",
                store.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                PASSWORD,
                "-keypass",
                PASSWORD)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || !Files.exists(store)) {
      throw new IllegalStateException("keytool failed: " + out);
    }
  }

  private boolean handle(Request request, Response response, Callback callback) throws Exception {
    String path = request.getHttpURI().getPath();
    if (path.equals("/slow")) {
      Thread.sleep(2000);
      Content.Sink.write(response, true, "slow", callback);
      return true;
    }
    if (path.equals("/stall")) {
      Callback.Completable first = new Callback.Completable();
      response.write(false, ByteBuffer.wrap("first".getBytes(StandardCharsets.US_ASCII)), first);
      first.get();
      Thread.sleep(2000);
      response.write(true, ByteBuffer.wrap("late".getBytes(StandardCharsets.US_ASCII)), callback);
      return true;
    }
    HttpFields in = request.getHeaders();
    HttpFields.Mutable out = response.getHeaders();
    String status = in.get("x-status");
    response.setStatus(status == null ? 200 : Integer.parseInt(status));
    out.put("x-upstream-method", request.getMethod());
    out.put("x-upstream-path", request.getHttpURI().getPathQuery());
    out.put("x-upstream-protocol", request.getConnectionMetaData().getProtocol());
    out.put("x-upstream-secure", String.valueOf(request.isSecure()));
    out.put("x-upstream-host", String.valueOf(in.get("Host")));
    out.put("x-upstream-transfer-encoding", String.valueOf(in.get("Transfer-Encoding")));
    out.put("x-upstream-content-length", String.valueOf(in.get("Content-Length")));
    for (HttpField f : in) {
      if (f.getLowerCaseName().startsWith("x-echo-")) {
        out.add(f.getName(), f.getValue());
      }
    }
    out.put("Trailer", "x-upstream-trailer");
    // Jetty takes the supplier when the response commits (at the first write): set it now.
    AtomicReference<String> requestTrailer = new AtomicReference<>("none");
    response.setTrailersSupplier(
        () -> HttpFields.build().put("x-upstream-trailer", requestTrailer.get()));
    // Copy the body back chunk by chunk, as it arrives.
    while (true) {
      Content.Chunk chunk = request.read();
      if (chunk == null) {
        Callback.Completable demanded = new Callback.Completable();
        request.demand(() -> demanded.succeeded());
        demanded.get();
        continue;
      }
      if (Content.Chunk.isFailure(chunk)) {
        callback.failed(chunk.getFailure());
        return true;
      }
      ByteBuffer data = chunk.getByteBuffer();
      int n = data.remaining();
      received.addAndGet(n);
      if (n > 0) {
        byte[] copy = new byte[n];
        data.get(copy);
        Callback.Completable written = new Callback.Completable();
        response.write(false, ByteBuffer.wrap(copy), written);
        written.get();
      }
      chunk.release();
      if (chunk.isLast()) {
        break;
      }
    }
    HttpFields trailers = request.getTrailers();
    if (trailers != null && trailers.get("x-req") != null) {
      requestTrailer.set(trailers.get("x-req"));
    }
    response.write(true, null, callback);
    return true;
  }

  @Override
  public void close() throws Exception {
    server.stop();
    try (var files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(f);
      }
    }
    Files.deleteIfExists(dir);
  }
}
