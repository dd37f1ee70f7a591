package dev.wasihttp.http.client.internal;

import dev.wasihttp.component.values.Val;
import dev.wasihttp.http.HttpField;
import dev.wasihttp.http.LogSink;
import dev.wasihttp.http.client.OutboundPolicy;
import dev.wasihttp.http.internal.ErrorCodes;
import dev.wasihttp.http.internal.HostFutureIncomingResponse;
import dev.wasihttp.http.internal.HostOutgoingRequest;
import dev.wasihttp.http.internal.HostRequestOptions;
import dev.wasihttp.http.internal.OutgoingBody;
import dev.wasihttp.http.internal.OutgoingHandler;
import dev.wasihttp.http.proxy.WasiHttpConfig;
import dev.wasihttp.wasi.io.Waker;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * {@code wasi:http/outgoing-handler.handle} on Jetty's {@link HttpClient}: checks the request and
 * the policy (a denial is logged and opens no connection), then sends it with the guest's body
 * streaming and completes the future when the response head arrives or the request fails.
 *
 * <p>Timeouts: between-bytes is the request's idle timeout; connect and first-byte are timers that
 * abort the request (connect: until the request is on a connection; first byte: from then until the
 * response begins). Absent options take the handler's defaults.
 *
 * <p>Thread-safe; one per handler, sharing one client (see {@link Clients}).
 */
public final class JettyOutgoingHandler implements OutgoingHandler, AutoCloseable {
  private final Clients clients;
  private final OutboundPolicy policy;
  private final PolicyResolver.Guard guard;
  private final Duration connectTimeout;
  private final Duration firstByteTimeout;
  private final Duration betweenBytesTimeout;
  private final LogSink log;
  private final String tag;

  /** The most bytes a response's header section, and its trailer section, may hold. */
  private final int maxFieldSection;

  /**
   * A handler with {@code config}'s outbound policy, client (the application's, never stopped here,
   * or one created on the first allowed request with the config's SSLContext and stopped in {@link
   * #close}), default timeouts and field-size cap (which also caps a response's header and trailer
   * sections); {@code tag} starts every log line.
   */
  public JettyOutgoingHandler(WasiHttpConfig config, String tag) {
    this.maxFieldSection = config.maxFieldSize();
    this.clients =
        new Clients(
            config.httpClient(),
            config.sslContext(),
            config.connectTimeout(),
            maxFieldSection,
            config.log(),
            tag);
    this.policy = config.outboundPolicy();
    this.guard = new PolicyResolver.Guard(policy);
    this.connectTimeout = config.connectTimeout();
    this.firstByteTimeout = config.firstByteTimeout();
    this.betweenBytesTimeout = config.betweenBytesTimeout();
    this.log = config.log();
    this.tag = tag;
  }

  /**
   * A handler with these settings and the defaults of {@link WasiHttpConfig} for the rest.
   *
   * @param supplied the application's client (never stopped here), or null to create one on the
   *     first allowed request and stop it in {@link #close}
   */
  public JettyOutgoingHandler(
      HttpClient supplied,
      OutboundPolicy policy,
      Duration connectTimeout,
      Duration firstByteTimeout,
      Duration betweenBytesTimeout,
      LogSink log,
      String tag) {
    this(
        WasiHttpConfig.builder()
            .httpClient(supplied)
            .outboundPolicy(policy)
            .connectTimeout(connectTimeout)
            .firstByteTimeout(firstByteTimeout)
            .betweenBytesTimeout(betweenBytesTimeout)
            .log(log)
            .build(),
        tag);
  }

  @Override
  public OutgoingBody body(HostOutgoingRequest request, Long declaredLength, Waker waker) {
    return new RequestBody(declaredLength, waker);
  }

  @Override
  public void handle(
      HostOutgoingRequest q, HostRequestOptions options, HostFutureIncomingResponse future) {
    RequestBody body = (RequestBody) q.body();
    String scheme = q.scheme() == null ? "https" : q.scheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      fail(future, body, "HTTP-protocol-error");
      return;
    }
    if (q.authority() == null || q.pathWithQuery() == null || q.authority().isEmpty()) {
      fail(future, body, "HTTP-request-URI-invalid");
      return;
    }
    String host = q.authority();
    int port = scheme.equals("http") ? 80 : 443;
    int colon = host.lastIndexOf(':');
    if (colon >= 0 && colon > host.lastIndexOf(']')) {
      port = Integer.parseInt(host.substring(colon + 1)); // the setter checked the syntax
      host = host.substring(0, colon);
    }
    if (host.isEmpty()) {
      fail(future, body, "HTTP-request-URI-invalid");
      return;
    }
    String target = scheme + "://" + q.authority();
    if (!policy.allows(scheme, host, port)) {
      log.log(LogSink.Level.WARN, tag + "outgoing request to " + target + " denied by policy");
      fail(future, body, "HTTP-request-denied");
      return;
    }
    HttpClient client;
    try {
      client = clients.get();
    } catch (RuntimeException e) {
      log.log(LogSink.Level.ERROR, tag + "the HTTP client failed to start: " + e);
      fail(future, body, "internal-error");
      return;
    }
    String path = q.pathWithQuery().isEmpty() ? "/" : q.pathWithQuery();
    Request request =
        client
            .newRequest(host.startsWith("[") ? host.substring(1, host.length() - 1) : host, port)
            .scheme(scheme)
            .method(q.method())
            .path(path)
            .tag(guard)
            .followRedirects(false)
            .agent(null)
            .idleTimeout(
                millis(options == null ? null : options.betweenBytesTimeout(), betweenBytesTimeout),
                TimeUnit.MILLISECONDS)
            .headers(
                h -> {
                  h.remove(HttpHeader.USER_AGENT);
                  h.remove(HttpHeader.ACCEPT_ENCODING);
                  h.put(HttpHeader.HOST, q.authority());
                  for (HttpField f : q.headers()) {
                    if (expectsContinue(f)) {
                      // Jetty's client would hold the body back until a 100, and buffer a final
                      // answer sent without one; the body goes at once instead (as hyper does).
                      continue;
                    }
                    h.add(f.name(), f.latin1Value());
                  }
                });
    if (body != null) {
      request.body(body.content());
      if (!q.headers().stream().anyMatch(f -> f.name().equalsIgnoreCase("content-length"))) {
        request.trailersSupplier(body::trailers); // trailers need chunked encoding
      }
    }
    send(target, request, body, options, future);
  }

  private void send(
      String target,
      Request request,
      RequestBody body,
      HostRequestOptions options,
      HostFutureIncomingResponse future) {
    Scheduler scheduler = clients.scheduler();
    AtomicBoolean connected = new AtomicBoolean();
    Waker waker = future.waker();
    ResponseBody responseBody = new ResponseBody(waker, request);
    long connectMs = millis(options == null ? null : options.connectTimeout(), connectTimeout);
    long firstByteMs =
        millis(options == null ? null : options.firstByteTimeout(), firstByteTimeout);
    Scheduler.Task connectTimer =
        scheduler.schedule(
            () -> {
              if (!connected.get()) {
                request.abort(new Failures.Timeout("connect timed out", true));
              }
            },
            connectMs,
            TimeUnit.MILLISECONDS);
    Scheduler.Task[] firstByte = new Scheduler.Task[1];
    request.onRequestBegin(
        r -> {
          connected.set(true);
          connectTimer.cancel();
          synchronized (firstByte) {
            firstByte[0] =
                scheduler.schedule(
                    () -> {
                      if (!future.isDone()) {
                        request.abort(
                            new Failures.Timeout("no response within first-byte-timeout", false));
                      }
                    },
                    firstByteMs,
                    TimeUnit.MILLISECONDS);
          }
        });
    future.onCancel(() -> request.abort(new IOException("the guest dropped the response")));
    request.send(
        new Response.Listener() {
          @Override
          public void onHeaders(Response response) {
            cancel(firstByte);
            if (ResponseBody.sectionSize(response.getHeaders()) > maxFieldSection) {
              // Past the cap (within the parser's own, larger limit): the guest never sees it.
              response.abort(Failures.tooLarge("HTTP-response-header-section-size"));
              return;
            }
            future.respond(
                response.getStatus(), ResponseBody.fields(response.getHeaders()), responseBody);
          }

          @Override
          public void onContent(Response response, Content.Chunk chunk, Runnable demander) {
            responseBody.onContent(chunk, demander);
          }

          @Override
          public void onSuccess(Response response) {
            if (ResponseBody.sectionSize(response.getTrailers()) > maxFieldSection) {
              responseBody.onFailure(Failures.tooLarge("HTTP-response-trailer-section-size"));
              return;
            }
            responseBody.onEnd(ResponseBody.fields(response.getTrailers()));
          }

          @Override
          public void onFailure(Response response, Throwable failure) {
            responseBody.onFailure(failure);
          }

          @Override
          public void onComplete(Result result) {
            connectTimer.cancel();
            cancel(firstByte);
            if (result.isFailed()) {
              Throwable failure = result.getFailure();
              if (body != null) {
                body.failed(failure);
              }
              if (!future.isDone()) {
                Val code = Failures.code(failure, connected.get());
                if (code.equals(ErrorCodes.of("HTTP-request-denied"))) {
                  log.log(
                      LogSink.Level.WARN,
                      tag
                          + "outgoing request to "
                          + target
                          + " denied by policy: "
                          + failure.getMessage());
                }
                future.fail(code);
              } else {
                responseBody.onFailure(failure);
              }
            }
          }
        });
  }

  private static boolean expectsContinue(HttpField f) {
    return f.name().equalsIgnoreCase("expect")
        && f.latin1Value().trim().equalsIgnoreCase("100-continue");
  }

  private static void cancel(Scheduler.Task[] holder) {
    synchronized (holder) {
      if (holder[0] != null) {
        holder[0].cancel();
      }
    }
  }

  private static long millis(Long nanos, Duration fallback) {
    long ms = nanos != null ? TimeUnit.NANOSECONDS.toMillis(nanos) : fallback.toMillis();
    return Math.max(1, ms);
  }

  private static void fail(HostFutureIncomingResponse future, OutgoingBody body, String code) {
    if (body != null) {
      body.dropped();
    }
    future.fail(ErrorCodes.of(code));
  }

  /**
   * Creates and starts the client now (or sets up and starts the supplied one) instead of on the
   * first allowed request.
   *
   * @throws IllegalStateException if it cannot start
   */
  public void start() {
    clients.get();
  }

  /** Stops the client this handler created, if any; a supplied client is left running. */
  @Override
  public void close() {
    clients.close();
  }
}
