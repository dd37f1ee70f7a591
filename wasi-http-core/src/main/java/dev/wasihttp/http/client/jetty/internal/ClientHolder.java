package dev.wasihttp.http.client.jetty.internal;

import dev.wasihttp.http.LogSink;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.client.EarlyHintsProtocolHandler;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.ProcessingProtocolHandler;
import org.eclipse.jetty.client.transport.HttpClientConnectionFactory;
import org.eclipse.jetty.client.transport.HttpClientTransportDynamic;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.ClientConnectionFactoryOverHTTP2;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.SocketAddressResolver;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * The handler's one {@link HttpClient}: the application's, or one created on first use (HTTP/1.1,
 * and HTTP/2 where TLS negotiates it; the configured {@link SSLContext} or the JDK's trust) with
 * every default that would change what the guest sees turned off (redirects, cookies, content
 * decoding, {@code User-Agent}, a default content type, authentication and the other protocol
 * handlers; only the interim-response ones stay) and the {@link PolicyResolver} installed, so
 * resolved addresses are checked. A client created here, or supplied not yet started (it gets the
 * same setup), is started here and stopped by {@link #close}. One supplied already started is never
 * stopped and keeps its own settings and resolver, so only the name check of the policy applies to
 * it (logged once). On Jetty 12.0, whose resolver is not told the request's destination, the
 * resolver checks every request of the client against the policy of the handler that installed it:
 * a started client set up by a handler with another policy is logged too.
 */
final class ClientHolder implements AutoCloseable {
  private final HttpClient supplied;
  private final Duration connectTimeout;
  private final int maxResponseHeaders;
  private final SSLContext sslContext;
  private final LogSink log;
  private final String tag;
  private final PolicyResolver.Guard guard;
  private HttpClient client;
  private boolean owned;
  private boolean closed;

  ClientHolder(
      HttpClient supplied,
      SSLContext sslContext,
      Duration connectTimeout,
      int maxResponseHeaders,
      LogSink log,
      String tag,
      PolicyResolver.Guard guard) {
    this.maxResponseHeaders = maxResponseHeaders;
    this.supplied = supplied;
    this.sslContext = sslContext;
    this.connectTimeout = connectTimeout;
    this.log = log;
    this.tag = tag;
    this.guard = guard;
  }

  /** The client, created or started on first use. */
  synchronized HttpClient get() {
    if (closed) {
      throw new IllegalStateException("the handler is closed");
    }
    if (client != null) {
      return client;
    }
    HttpClient c = supplied;
    if (c == null) {
      ClientConnector connector = new ClientConnector();
      SslContextFactory.Client tls = new SslContextFactory.Client();
      if (sslContext != null) {
        tls.setSslContext(sslContext);
      }
      connector.setSslContextFactory(tls);
      // HTTP/1.1 in clear text; on TLS, ALPN lets the upstream choose h2 or http/1.1.
      c =
          new HttpClient(
              new HttpClientTransportDynamic(
                  connector,
                  HttpClientConnectionFactory.HTTP11,
                  new ClientConnectionFactoryOverHTTP2.HTTP2(new HTTP2Client(connector))));
      QueuedThreadPool pool = new QueuedThreadPool();
      pool.setName("wasi-http-client" + (tag.isEmpty() ? "" : "-" + tag.trim()));
      pool.setDaemon(true);
      c.setExecutor(pool);
      c.setScheduler(new ScheduledExecutorScheduler(pool.getName() + "-scheduler", true));
      c.setConnectTimeout(connectTimeout.toMillis());
      c.setIdleTimeout(0); // the request's between-bytes timeout decides
      // Jetty parses response heads of any size by default. The fields cap (checked on the parsed
      // fields, 32 bytes a field included) decides the error code; the parser's limit, at four
      // times it in raw bytes, only bounds the memory an upstream can make the client hold.
      c.setMaxResponseHeadersSize(parserLimit(maxResponseHeaders));
      owned = true;
    }
    if (c.isStarted()) {
      SocketAddressResolver resolver = c.getSocketAddressResolver();
      if (!(resolver instanceof PolicyResolver policyResolver)) {
        log.log(
            LogSink.Level.WARN,
            tag
                + "the supplied HttpClient was started before the handler could install its"
                + " address check: resolved private addresses are not refused");
      } else if (Jetty120.isJetty120()
          && !policyResolver.owner().policy().entries().equals(guard.policy().entries())) {
        log.log(
            LogSink.Level.WARN,
            tag
                + "the supplied HttpClient was set up by a handler with another policy: on Jetty"
                + " 12.0 its resolved addresses are checked against that policy, not this one");
      }
    } else {
      configure(c, guard);
      owned = true; // started here, so stopped here: no threads outlive a redeployed servlet
      try {
        c.start();
      } catch (Exception e) {
        throw new IllegalStateException("starting the HTTP client failed: " + e, e);
      }
      // start() installs the default decoders (gzip...) and protocol handlers when none are set.
      // Only the interim responses stay handled (102, 103): an incoming-response is always the
      // final one. A guest's Expect: 100-continue is not sent (see JettySender), so no
      // 100 is awaited. Redirects, authentication and upgrades are the guest's business.
      c.getContentDecoderFactories().clear();
      c.getProtocolHandlers().clear();
      c.getProtocolHandlers().put(new ProcessingProtocolHandler());
      c.getProtocolHandlers().put(new EarlyHintsProtocolHandler());
    }
    client = c;
    return c;
  }

  /** Jetty's limit on a response's raw head or trailer bytes for a fields cap of {@code cap}. */
  static int parserLimit(int cap) {
    return (int) Math.min(Integer.MAX_VALUE, 4L * cap);
  }

  /** The client's scheduler (the client is started). */
  Scheduler scheduler() {
    return get().getScheduler();
  }

  private static void configure(HttpClient c, PolicyResolver.Guard guard) {
    c.setFollowRedirects(false);
    c.setHttpCookieStore(new HttpCookieStore.Empty());
    c.setUserAgentField(null);
    c.setDefaultRequestContentType(null);
    if (c.getExecutor() == null) {
      QueuedThreadPool pool = new QueuedThreadPool();
      pool.setDaemon(true);
      pool.setName("wasi-http-client");
      c.setExecutor(pool);
    }
    if (c.getScheduler() == null) {
      c.setScheduler(new ScheduledExecutorScheduler("wasi-http-client-scheduler", true));
    }
    SocketAddressResolver inner = c.getSocketAddressResolver();
    if (inner == null) {
      inner = new SocketAddressResolver.Async(c.getExecutor(), c.getScheduler(), 15_000);
    }
    c.setSocketAddressResolver(new PolicyResolver(inner, guard));
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (owned && client != null) {
      try {
        client.stop();
      } catch (Exception e) {
        log.log(LogSink.Level.WARN, tag + "stopping the HTTP client failed: " + e);
      }
    }
    client = null;
  }
}
