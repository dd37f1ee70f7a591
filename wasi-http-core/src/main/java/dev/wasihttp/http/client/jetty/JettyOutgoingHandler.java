package dev.wasihttp.http.client.jetty;

import dev.wasihttp.http.Timeouts;
import dev.wasihttp.http.client.FutureIncomingResponse;
import dev.wasihttp.http.client.OutgoingBody;
import dev.wasihttp.http.client.OutgoingHandler;
import dev.wasihttp.http.client.OutgoingRequest;
import dev.wasihttp.http.client.jetty.internal.JettySender;
import dev.wasihttp.wasi.io.Waker;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.client.HttpClient;

/**
 * The default {@link OutgoingHandler}: sends a guest's outgoing requests with Jetty's {@link
 * HttpClient}, the guest's request body streaming up as it writes it and the response body down
 * into a bounded buffer as it reads it.
 *
 * <p>The client is the application's ({@link Options#httpClient()}) or one of the handler's own,
 * created and started when the handler is, if its policy allows any destination (so a client that
 * cannot start fails the {@code WasiHttpHandler}'s creation; under the deny-all policy the host
 * refuses every request first and no client is ever made), and stopped by {@link #close()}. An
 * application's client that is not started yet is started and then owned by the one handler that
 * started it, which stops it when it closes: hand such a client to one {@code WasiHttpHandler}
 * only; one already started is shared freely and never stopped. The handler's own client speaks
 * HTTP/1.1 in clear text and lets TLS (ALPN) choose HTTP/2; what the guest sees is what it sent and
 * what the upstream answered: no redirects followed, no cookies kept, no content decoded, no {@code
 * User-Agent}, {@code Accept-Encoding} or default content type added, no authentication or upgrade
 * handlers. Its resolver refuses addresses the policy does not allow, before any connection opens
 * ({@code HTTP-request-denied}).
 *
 * <p>Runs on Jetty's client 12.1 and 12.0 (Spring Boot 3.5 manages 12.0.x) alike.
 *
 * <p>Failures are {@code error-code} values as Wasmtime maps them: unknown host {@code DNS-error},
 * refused {@code connection-refused}, connect timeout {@code connection-timeout}, first-byte or
 * between-bytes timeout {@code connection-read-timeout}, TLS {@code TLS-protocol-error}, a response
 * head or trailer section over the field-size cap {@code HTTP-response-header-section-size} /
 * {@code HTTP-response-trailer-section-size}, anything else {@code HTTP-protocol-error}.
 *
 * <p>Thread-safe: one per {@code WasiHttpHandler}, made by {@link Options#create}.
 */
public final class JettyOutgoingHandler implements OutgoingHandler {
  /**
   * 600 s: the default connect, first-byte and between-bytes timeouts (Wasmtime's, Spin's and
   * jco's), used when the guest's {@code request-options} set none.
   */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(600);

  private final JettySender sender;

  private JettyOutgoingHandler(JettySender sender) {
    this.sender = sender;
  }

  /** A builder of options, each at its default. */
  public static Options.Builder options() {
    return new Options.Builder();
  }

  /** The options with every one at its default: the handler's own client, 600 s timeouts. */
  public static Options defaults() {
    return options().build();
  }

  @Override
  public OutgoingBody body(Long declaredLength, Waker waker) {
    return sender.body(declaredLength, waker);
  }

  @Override
  public void handle(OutgoingRequest request, FutureIncomingResponse response) {
    sender.handle(request, response);
  }

  /** Stops the client this handler created or started; one supplied started keeps running. */
  @Override
  public void close() {
    sender.close();
  }

  /**
   * What a {@link JettyOutgoingHandler} is made with, and the factory that a {@code WasiHttpConfig}
   * holds ({@code outgoingHandler}): immutable, built with {@link JettyOutgoingHandler#options()}.
   */
  public static final class Options implements OutgoingHandler.Factory {
    private final HttpClient httpClient;
    private final SSLContext sslContext;
    private final Duration connectTimeout;
    private final Duration firstByteTimeout;
    private final Duration betweenBytesTimeout;

    private Options(Builder b) {
      this.httpClient = b.httpClient;
      this.sslContext = b.sslContext;
      this.connectTimeout = b.connectTimeout;
      this.firstByteTimeout = b.firstByteTimeout;
      this.betweenBytesTimeout = b.betweenBytesTimeout;
    }

    /**
     * The application's client, or null (the default): each handler then creates its own and stops
     * it when closed. A supplied client not started yet is set up as a handler's own (no redirects,
     * cookies, decoding, {@code User-Agent}, protocol handlers; the policy's resolved-address
     * check), started, and stopped when the handler closes. One supplied started is never stopped
     * and keeps its settings: its resolver (so only the policy's name check applies, which is
     * logged), cookie and authentication stores, proxies and decoders, which guests then share. On
     * Jetty 12.0, whose resolver is not told which request it resolves for, the address check a
     * handler installs applies to every request of the client, the application's own too.
     */
    public HttpClient httpClient() {
      return httpClient;
    }

    /**
     * What a handler's own client trusts on TLS (e.g. a self-signed upstream's certificate), or
     * null (the default): the JDK's trust store. Unused with {@link #httpClient()}.
     */
    public SSLContext sslContext() {
      return sslContext;
    }

    /**
     * The connect timeout of a request whose options set none; default {@link #DEFAULT_TIMEOUT}.
     */
    public Duration connectTimeout() {
      return connectTimeout;
    }

    /**
     * How long a request waits for the response head once connected, when its options set no {@code
     * first-byte-timeout}; default {@link #DEFAULT_TIMEOUT}.
     */
    public Duration firstByteTimeout() {
      return firstByteTimeout;
    }

    /**
     * How long a request's connection may stay silent, when its options set no {@code
     * between-bytes-timeout}; default {@link #DEFAULT_TIMEOUT}.
     */
    public Duration betweenBytesTimeout() {
      return betweenBytesTimeout;
    }

    /** A builder holding these options. */
    public Builder toBuilder() {
      Builder b = new Builder();
      b.httpClient = httpClient;
      b.sslContext = sslContext;
      b.connectTimeout = connectTimeout;
      b.firstByteTimeout = firstByteTimeout;
      b.betweenBytesTimeout = betweenBytesTimeout;
      return b;
    }

    /**
     * A handler with these options for {@code context}; its client starts now when the policy
     * allows any destination.
     *
     * @throws IllegalStateException if that client cannot start
     */
    @Override
    public JettyOutgoingHandler create(Context context) {
      JettySender sender =
          new JettySender(
              httpClient,
              sslContext,
              connectTimeout,
              firstByteTimeout,
              betweenBytesTimeout,
              context);
      if (!context.policy().isDenyAll()) {
        try {
          sender.start();
        } catch (RuntimeException e) {
          sender.close();
          throw e;
        }
      }
      return new JettyOutgoingHandler(sender);
    }

    /** The timeouts, and whether a client or TLS trust was given (never their contents). */
    @Override
    public String toString() {
      return "JettyOutgoingHandler.Options{connectTimeout="
          + connectTimeout
          + ", firstByteTimeout="
          + firstByteTimeout
          + ", betweenBytesTimeout="
          + betweenBytesTimeout
          + (httpClient == null ? "" : ", httpClient=supplied")
          + (sslContext == null ? "" : ", sslContext=given")
          + "}";
    }

    /** Builds {@link Options}; not thread-safe. */
    public static final class Builder {
      private HttpClient httpClient;
      private SSLContext sslContext;
      private Duration connectTimeout = DEFAULT_TIMEOUT;
      private Duration firstByteTimeout = DEFAULT_TIMEOUT;
      private Duration betweenBytesTimeout = DEFAULT_TIMEOUT;

      private Builder() {}

      /** See {@link Options#httpClient()}; null: each handler's own. */
      public Builder httpClient(HttpClient client) {
        this.httpClient = client;
        return this;
      }

      /** See {@link Options#sslContext()}; null: the JDK's trust store. */
      public Builder sslContext(SSLContext context) {
        this.sslContext = context;
        return this;
      }

      /** See {@link Options#connectTimeout()}; positive, at most {@link Timeouts#MAX}. */
      public Builder connectTimeout(Duration timeout) {
        this.connectTimeout = Timeouts.checked(timeout, "connectTimeout", false);
        return this;
      }

      /** See {@link Options#firstByteTimeout()}; positive, at most {@link Timeouts#MAX}. */
      public Builder firstByteTimeout(Duration timeout) {
        this.firstByteTimeout = Timeouts.checked(timeout, "firstByteTimeout", false);
        return this;
      }

      /** See {@link Options#betweenBytesTimeout()}; positive, at most {@link Timeouts#MAX}. */
      public Builder betweenBytesTimeout(Duration timeout) {
        this.betweenBytesTimeout = Timeouts.checked(timeout, "betweenBytesTimeout", false);
        return this;
      }

      /** The options as set so far. */
      public Options build() {
        return new Options(this);
      }
    }
  }
}
