package dev.wasihttp.http.internal;

import static dev.wasihttp.http.internal.HttpHarness.HANDLER;
import static dev.wasihttp.http.internal.HttpHarness.err;
import static dev.wasihttp.http.internal.HttpHarness.ok;
import static dev.wasihttp.http.internal.HttpHarness.variant;
import static dev.wasihttp.http.internal.OutgoingHttpTest.await;
import static dev.wasihttp.http.internal.OutgoingHttpTest.client;
import static dev.wasihttp.http.internal.OutgoingHttpTest.harness;
import static dev.wasihttp.http.internal.OutgoingHttpTest.request;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasihttp.component.values.Val;
import dev.wasihttp.http.LogSink;
import dev.wasihttp.http.client.jetty.JettyOutgoingHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.io.Content;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS upstreams on 127.0.0.1 with a self-signed certificate made at test time by the JDK's {@code
 * keytool}: untrusted it is {@code TLS-protocol-error}; trusted through an application's client,
 * the request goes through, and a request without a scheme is sent as HTTPS.
 */
class TlsOutgoingTest {
  @TempDir static Path dir;
  static Path keystore;
  static Server server;
  static int port;

  @BeforeAll
  static void start() throws Exception {
    keystore = dir.resolve("upstream.p12");
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
                keystore.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                "secret",
                "-keypass",
                "secret")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || !Files.exists(keystore)) {
      throw new IllegalStateException("keytool failed: " + out);
    }
    SslContextFactory.Server tls = new SslContextFactory.Server();
    tls.setKeyStorePath(keystore.toString());
    tls.setKeyStorePassword("secret");
    server = new Server();
    HttpConfiguration http = new HttpConfiguration();
    http.addCustomizer(new SecureRequestCustomizer(false)); // the SAN is an IP, not a name
    ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory("h2", "http/1.1");
    ServerConnector c =
        new ServerConnector(
            server,
            new SslConnectionFactory(tls, alpn.getProtocol()),
            alpn,
            new HTTP2ServerConnectionFactory(http),
            new HttpConnectionFactory(http));
    c.setHost("127.0.0.1");
    server.addConnector(c);
    server.setHandler(
        new Handler.Abstract() {
          @Override
          public boolean handle(Request request, Response response, Callback callback) {
            response.setStatus(200);
            String protocol = request.getConnectionMetaData().getProtocol();
            Content.Sink.write(
                response, true, "secure " + request.isSecure() + " " + protocol, callback);
            return true;
          }
        });
    server.start();
    port = c.getLocalPort();
  }

  @AfterAll
  static void stop() throws Exception {
    server.stop();
  }

  @Test
  void anUntrustedCertificateIsATlsError() {
    try (var client = client("https://127.0.0.1:*");
        HttpHarness h = harness(client)) {
      Val req = request(h, "get", "HTTPS", "127.0.0.1:" + port, "/");
      Val future = ok(h.call(HANDLER, "handle", req, Val.Option.none()));
      assertEquals(variant("TLS-protocol-error"), err(await(h, future)));
    }
  }

  @Test
  void theHandlersOwnClientTrustsTheConfiguredContextAndNegotiatesHttp2() throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(keystore)) {
      ks.load(in, "secret".toCharArray());
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    Duration t = Duration.ofSeconds(30);
    try (var client =
            HttpHarness.jetty(
                JettyOutgoingHandler.options()
                    .sslContext(ctx)
                    .connectTimeout(t)
                    .firstByteTimeout(t)
                    .betweenBytesTimeout(t)
                    .build(),
                "https://127.0.0.1:*",
                LogSink.discard());
        HttpHarness h = harness(client)) {
      Val req = request(h, "post", "HTTPS", "127.0.0.1:" + port, "/");
      Val resp = ok(await(h, ok(h.call(HANDLER, "handle", req, Val.Option.none()))));
      assertEquals(new Val.U16(200), h.method("incoming-response", "status", resp));
      assertEquals("secure true HTTP/2.0", OutgoingClientDefaultsTest.body(h, resp));
    }
  }

  @Test
  void aTrustedCertificateThroughTheApplicationsClientAndHttpsByDefault() throws Exception {
    SslContextFactory.Client trust = new SslContextFactory.Client();
    trust.setTrustStorePath(keystore.toString());
    trust.setTrustStorePassword("secret");
    trust.setTrustStoreType("PKCS12");
    ClientConnector connector = new ClientConnector();
    connector.setSslContextFactory(trust);
    HttpClient app = new HttpClient(new HttpClientTransportOverHTTP(connector));
    Duration t = Duration.ofSeconds(30);
    try (var client =
            HttpHarness.jetty(
                JettyOutgoingHandler.options()
                    .httpClient(app)
                    .connectTimeout(t)
                    .firstByteTimeout(t)
                    .betweenBytesTimeout(t)
                    .build(),
                "https://127.0.0.1:*",
                LogSink.discard());
        HttpHarness h = harness(client)) {
      Val req = request(h, "get", null, "127.0.0.1:" + port, "/"); // no scheme: https
      Val resp = ok(await(h, ok(h.call(HANDLER, "handle", req, Val.Option.none()))));
      assertEquals(new Val.U16(200), h.method("incoming-response", "status", resp));
      assertEquals("secure true HTTP/1.1", OutgoingClientDefaultsTest.body(h, resp));
    } finally {
      app.stop();
    }
  }
}
