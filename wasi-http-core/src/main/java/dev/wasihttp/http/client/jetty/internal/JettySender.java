package dev.wasihttp.http.client.jetty.internal;

import dev.wasihttp.component.values.Val;
import dev.wasihttp.http.HttpField;
import dev.wasihttp.http.LogSink;
import dev.wasihttp.http.client.ErrorCodes;
import dev.wasihttp.http.client.FutureIncomingResponse;
import dev.wasihttp.http.client.OutgoingBody;
import dev.wasihttp.http.client.OutgoingHandler;
import dev.wasihttp.http.client.OutgoingRequest;
import dev.wasihttp.http.client.RequestOptions;
import dev.wasihttp.wasi.io.Waker;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Sends checked outgoing requests on Jetty's {@link HttpClient}, with the guest's body streaming,
 * and completes the future when the response head arrives or the request fails: the work of {@link
 * dev.wasihttp.http.client.jetty.JettyOutgoingHandler}, whose contract it keeps.
 *
 * <p>Timeouts: between-bytes is the request's idle timeout; connect and first-byte are timers that
 * abort the request (connect: until the request is on a connection; first byte: from then until the
 * response begins). Absent options take the defaults given here.
 *
 * <p>Thread-safe; one per handler, sharing one client (see {@link ClientHolder}).
 */
public final class JettySender implements AutoCloseable {
  private final ClientHolder clients;
  private final PolicyResolver.Guard guard;
  private final Duration connectTimeout;
  private final Duration firstByteTimeout;
  private final Duration betweenBytesTimeout;
  private final LogSink log;
  private final String tag;

  /** The most bytes a response's header section, and its trailer section, may hold. */
  private final int maxFieldSection;

  /**
   * A sender for one handler: {@code supplied} is the application's client (never stopped here), or
   * null to create one on the first request (trusting {@code sslContext}, or the JDK's defaults
   * when null) and stop it in {@link #close}; the timeouts apply where the guest's options set
   * none; {@code context} gives the policy its resolver checks, the field-size cap of response
   * heads and trailers, and the log.
   */
  public JettySender(
      HttpClient supplied,
      SSLContext sslContext,
      Duration connectTimeout,
      Duration firstByteTimeout,
      Duration betweenBytesTimeout,
      OutgoingHandler.Context context) {
    this.tag = context.componentName().isEmpty() ? "" : "[" + context.componentName() + "] ";
    this.log = context.log();
    this.maxFieldSection = context.maxFieldSize();
    this.guard = new PolicyResolver.Guard(context.policy());
    this.clients =
        new ClientHolder(supplied, sslContext, connectTimeout, maxFieldSection, log, tag, guard);
    this.connectTimeout = connectTimeout;
    this.firstByteTimeout = firstByteTimeout;
    this.betweenBytesTimeout = betweenBytesTimeout;
  }

  /** The body of a request: bytes go out as the upstream takes them. */
  public OutgoingBody body(Long declaredLength, Waker waker) {
    return new OutgoingRequestBody(declaredLength, waker);
  }

  /** Sends {@code q} (checked by the host) and completes {@code future}. */
  public void handle(OutgoingRequest q, FutureIncomingResponse future) {
    if (q.body() != null && !(q.body() instanceof OutgoingRequestBody)) {
      // A handler that routes some requests itself gave this one a body of its own making.
      log.log(LogSink.Level.ERROR, tag + "an outgoing request body not made by this handler");
      future.fail(ErrorCodes.of("internal-error"));
      return;
    }
    OutgoingRequestBody body = (OutgoingRequestBody) q.body();
    HttpClient client;
    try {
      client = clients.get();
    } catch (RuntimeException e) {
      log.log(LogSink.Level.ERROR, tag + "the HTTP client failed to start: " + e);
      fail(future, body, "internal-error");
      return;
    }
    String host = q.host();
    RequestOptions options = q.options();
    Request request =
        client
            .newRequest(
                host.startsWith("[") ? host.substring(1, host.length() - 1) : host, q.port())
            .scheme(q.scheme())
            .method(q.method())
            .path(q.pathWithQuery())
            .tag(guard)
            .followRedirects(false)
            .agent(null)
            .idleTimeout(
                millis(options.betweenBytesTimeout(), betweenBytesTimeout), TimeUnit.MILLISECONDS)
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
    send(q.scheme() + "://" + q.authority(), request, body, options, future);
  }

  private void send(
      String target,
      Request request,
      OutgoingRequestBody body,
      RequestOptions options,
      FutureIncomingResponse future) {
    Scheduler scheduler = clients.scheduler();
    AtomicBoolean connected = new AtomicBoolean();
    Waker waker = future.waker();
    IncomingResponseBody responseBody = new IncomingResponseBody(waker, request);
    long connectMs = millis(options.connectTimeout(), connectTimeout);
    long firstByteMs = millis(options.firstByteTimeout(), firstByteTimeout);
    Scheduler.Task connectTimer =
        scheduler.schedule(
            () -> {
              if (!connected.get()) {
                request.abort(new TransportFailures.Timeout("connect timed out", true));
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
                            new TransportFailures.Timeout(
                                "no response within first-byte-timeout", false));
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
            if (IncomingResponseBody.sectionSize(response.getHeaders()) > maxFieldSection) {
              // Past the cap (within the parser's own, larger limit): the guest never sees it.
              response.abort(TransportFailures.tooLarge("HTTP-response-header-section-size"));
              return;
            }
            future.respond(
                response.getStatus(),
                IncomingResponseBody.fields(response.getHeaders()),
                responseBody);
          }

          @Override
          public void onContent(Response response, Content.Chunk chunk, Runnable demander) {
            responseBody.onContent(chunk, demander);
          }

          @Override
          public void onSuccess(Response response) {
            if (IncomingResponseBody.sectionSize(response.getTrailers()) > maxFieldSection) {
              responseBody.onFailure(
                  TransportFailures.tooLarge("HTTP-response-trailer-section-size"));
              return;
            }
            responseBody.onEnd(IncomingResponseBody.fields(response.getTrailers()));
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
                Val code = TransportFailures.code(failure, connected.get());
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

  private static long millis(Duration given, Duration fallback) {
    return Math.max(1, (given != null ? given : fallback).toMillis());
  }

  private static void fail(FutureIncomingResponse future, OutgoingBody body, String code) {
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

  /** Stops the client this sender created, if any; a supplied client is left running. */
  @Override
  public void close() {
    clients.close();
  }
}
