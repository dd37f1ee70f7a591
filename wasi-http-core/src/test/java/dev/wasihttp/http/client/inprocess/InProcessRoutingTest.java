package dev.wasihttp.http.client.inprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.component.values.Val;
import dev.wasihttp.http.ExchangeHandler;
import dev.wasihttp.http.HttpExchange;
import dev.wasihttp.http.HttpField;
import dev.wasihttp.http.IncomingRequestHead;
import dev.wasihttp.http.LogSink;
import dev.wasihttp.http.client.ErrorCodes;
import dev.wasihttp.http.client.FutureIncomingResponse;
import dev.wasihttp.http.client.OutgoingBody;
import dev.wasihttp.http.client.OutgoingHandler;
import dev.wasihttp.http.client.OutgoingRequest;
import dev.wasihttp.http.client.RequestOptions;
import dev.wasihttp.wasi.io.StreamError;
import dev.wasihttp.wasi.io.Waker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Outgoing requests served in process by plain Java {@link ExchangeHandler}s: both bodies stream
 * through bounded buffers with their trailers, every ending of either side reaches the other, and
 * requests no route takes go to the delegate with their body.
 */
@Timeout(60)
class InProcessRoutingTest {
  final List<String> log = Collections.synchronizedList(new ArrayList<>());
  final LogSink sink = (level, line) -> log.add(level + " " + line);

  /** A handler for {@code http://callee}, run on a pool of {@code threads} threads. */
  OutgoingHandler routing(ExchangeHandler callee, int threads) {
    return Caller.handler(
        InProcessRouting.of(
            List.of(InProcessRoute.to("callee", InProcessRoute.host("callee"), callee, threads)),
            context -> NO_NETWORK),
        sink);
  }

  /** The delegate of tests whose requests all stay in process. */
  static final OutgoingHandler NO_NETWORK =
      new OutgoingHandler() {
        @Override
        public OutgoingBody body(Long declaredLength, Waker waker) {
          throw new AssertionError("no request goes to the network here");
        }

        @Override
        public void handle(OutgoingRequest request, FutureIncomingResponse response) {
          throw new AssertionError("no request goes to the network here");
        }
      };

  static byte[] bytes(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }

  /** Echoes the request body as it arrives, then the request's trailers plus one of its own. */
  static final ExchangeHandler ECHO =
      x -> {
        try {
          x.respond(200, List.of(HttpField.latin1("x-echo", x.method() + " " + x.pathWithQuery())));
          InputStream in = x.requestBody();
          OutputStream out = x.responseBody();
          byte[] buf = new byte[16 * 1024];
          for (int n; (n = in.read(buf)) >= 0; ) {
            out.write(buf, 0, n);
          }
          List<HttpField> trailers = new ArrayList<>(x.requestTrailers());
          trailers.add(HttpField.latin1("x-echoed", "yes"));
          x.finish(trailers);
        } catch (IOException e) {
          x.abort(e.toString());
        }
      };

  @Test
  void bodiesStreamBothWaysThroughBoundedBuffersWithTheirTrailers() throws Exception {
    Caller c = new Caller(routing(ECHO, 4), true);
    c.send("PUT", "http", "callee", "/echo?x=1");
    byte[] sent = bytes(8 << 20);
    long[] sentAtFirstByte = new long[1];
    Caller.Read got = c.duplex(sent, List.of(HttpField.latin1("x-sum", "42")), sentAtFirstByte);
    assertEquals(200, c.future.status);
    assertEquals("PUT /echo?x=1", c.future.header("x-echo"));
    assertNull(got.errorCode());
    assertArrayEquals(sent, got.bytes());
    assertEquals(
        List.of(HttpField.latin1("x-sum", "42"), HttpField.latin1("x-echoed", "yes")),
        got.trailers());
    assertTrue(
        c.maxBuffered <= 1 << 20,
        "at most the 1 MiB window is held for the guest: " + c.maxBuffered);
    assertEquals(256 * 1024, c.future.body.capacity(), "what the response holds ahead of it");
    assertTrue(
        sentAtFirstByte[0] < sent.length / 2,
        "the echo comes back while the request is still being sent: " + sentAtFirstByte[0]);
  }

  @Test
  void aBusyCalleesErrorStatusIsAResponseWithItsFields() {
    Caller c =
        new Caller(
            routing(
                x -> x.fail(503, List.of(HttpField.latin1("Retry-After", "1")), "all calls busy"),
                1),
            false);
    c.send("GET", "http", "callee", "/");
    Caller.Future f = c.response();
    assertEquals(503, f.status);
    assertEquals("1", f.header("retry-after"));
    Caller.Read body = Caller.readAll(f.body, c.waker);
    assertEquals(0, body.bytes().length);
    assertEquals(List.of(), body.trailers());
  }

  @Test
  void aCalleeThatGivesNoAnswerFailsTheRequest() {
    Caller thrown =
        new Caller(
            routing(
                x -> {
                  throw new IllegalStateException("boom");
                },
                1),
            false);
    thrown.send("GET", "http", "callee", "/");
    assertEquals(ErrorCodes.of("connection-terminated"), thrown.response().error);
    assertTrue(log.stream().anyMatch(l -> l.contains("[callee] handler failed:")), log::toString);

    Caller silent = new Caller(routing(x -> {}, 1), false);
    silent.send("GET", "http", "callee", "/");
    assertEquals(ErrorCodes.of("connection-terminated"), silent.response().error);

    Caller late = new Caller(routing(x -> x.failUnanswered(504, "its deadline"), 1), false);
    late.send("GET", "http", "callee", "/");
    assertEquals(ErrorCodes.of("HTTP-response-timeout"), late.response().error);
  }

  @Test
  void aResponseTheCalleeAbortsFailsTheGuestsReadAfterItsBytes() {
    Caller c =
        new Caller(
            routing(
                x -> {
                  try {
                    x.respond(200, List.of());
                    x.responseBody().write(new byte[1000]);
                  } catch (IOException e) {
                    throw new AssertionError(e);
                  }
                  x.abort("its guest trapped");
                },
                1),
            false);
    c.send("GET", "http", "callee", "/");
    Caller.Read read = Caller.readAll(c.response().body, c.waker);
    assertEquals(1000, read.bytes().length);
    assertEquals(ErrorCodes.of("HTTP-response-incomplete"), read.errorCode());
  }

  /** A callee that reads its request body until it fails, then tries to answer. */
  static final class StuckReader implements ExchangeHandler {
    final CountDownLatch reading = new CountDownLatch(1);
    final CountDownLatch returned = new CountDownLatch(1);
    final AtomicReference<IOException> readFailure = new AtomicReference<>();
    final AtomicReference<IOException> respondFailure = new AtomicReference<>();

    @Override
    public void handle(HttpExchange x) {
      try {
        byte[] buf = new byte[4096];
        try {
          InputStream in = x.requestBody();
          while (in.read(buf) >= 0) {
            reading.countDown();
          }
        } catch (IOException e) {
          readFailure.set(e);
        }
        try {
          x.respond(200, List.of());
        } catch (IOException e) {
          respondFailure.set(e);
        }
      } finally {
        returned.countDown();
      }
    }
  }

  @Test
  void aCallerThatDropsTheFutureMidBodyIsAClientGoneForTheCallee() throws Exception {
    StuckReader callee = new StuckReader();
    Caller c = new Caller(routing(callee, 1), true);
    c.send("POST", "http", "callee", "/");
    assertNull(c.write(bytes(100_000)));
    assertTrue(callee.reading.await(10, TimeUnit.SECONDS));
    c.future.drop();
    assertTrue(callee.returned.await(10, TimeUnit.SECONDS), "the callee's thread is released");
    assertNotNull(callee.readFailure.get(), "its read fails");
    assertNotNull(callee.respondFailure.get(), "and so does its answer");
    StreamError later = c.write(bytes(10));
    assertNotNull(later, "the guest's request body is gone with it");
  }

  @Test
  void aRequestBodyDroppedUnfinishedIsAClientGoneForTheCallee() throws Exception {
    StuckReader callee = new StuckReader();
    Caller c = new Caller(routing(callee, 1), true);
    c.send("POST", "http", "callee", "/");
    assertNull(c.write(bytes(50_000)));
    assertTrue(callee.reading.await(10, TimeUnit.SECONDS));
    c.body.dropped();
    assertTrue(callee.returned.await(10, TimeUnit.SECONDS));
    assertNotNull(callee.readFailure.get());
    assertNotNull(callee.respondFailure.get());
  }

  @Test
  void aGuestThatDropsTheResponseBodyMidBodyStopsTheCalleesWrites() throws Exception {
    CountDownLatch returned = new CountDownLatch(1);
    AtomicReference<IOException> writeFailure = new AtomicReference<>();
    Caller c =
        new Caller(
            routing(
                x -> {
                  try {
                    x.respond(200, List.of());
                    OutputStream out = x.responseBody();
                    byte[] chunk = new byte[64 * 1024];
                    while (true) { // endless: only the guest going away stops it
                      out.write(chunk);
                    }
                  } catch (IOException e) {
                    writeFailure.set(e);
                  } finally {
                    returned.countDown();
                  }
                },
                1),
            false);
    c.send("GET", "http", "callee", "/");
    Caller.Future f = c.response();
    long seen = c.waker.version();
    while (!f.body.ready()) {
      c.waker.await(seen, Long.MAX_VALUE);
      seen = c.waker.version();
    }
    assertTrue(f.body.read(1000).length > 0);
    f.body.cancel();
    assertTrue(returned.await(10, TimeUnit.SECONDS), "the callee's blocked write fails");
    assertNotNull(writeFailure.get());
  }

  @Test
  void aCalleeThatAnswersWithoutReadingLetsTheGuestFinishItsBody() {
    Caller c =
        new Caller(
            routing(
                x -> {
                  try {
                    x.respond(204, List.of());
                    x.finish(List.of());
                  } catch (IOException e) {
                    throw new AssertionError(e);
                  }
                },
                1),
            true);
    c.send("POST", "http", "callee", "/");
    assertEquals(204, c.response().status);
    assertNull(c.write(bytes(4 << 20)), "bytes past the callee's return are dropped, not held");
    assertNull(c.body.finish(List.of()));
    assertEquals(0, c.body.buffered());
  }

  @Test
  void aDeclaredLengthIsEnforcedAndTheCalleeSeesTheBodyFail() throws Exception {
    StuckReader callee = new StuckReader();
    Caller c = new Caller(routing(callee, 1), 10L);
    c.send("POST", "http", "callee", "/", HttpField.latin1("content-length", "10"));
    assertNull(c.write(new byte[6]));
    StreamError over = c.write(new byte[6]);
    assertNotNull(over);
    assertEquals(ErrorCodes.requestBodySize(12), over.detail());
    assertTrue(callee.returned.await(10, TimeUnit.SECONDS));
    assertNotNull(callee.readFailure.get(), "the callee's read fails");
    assertNotNull(callee.respondFailure.get(), "its client went away");
  }

  /** An outgoing handler standing for the network: it records what it is asked to send. */
  static final class Network implements OutgoingHandler {
    final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    final List<OutgoingRequest> requests = new ArrayList<>();
    List<HttpField> trailers;
    final List<Long> grants = new ArrayList<>();

    @Override
    public OutgoingBody body(Long declaredLength, Waker waker) {
      return new OutgoingBody() {
        long window = 1 << 20; // as the Jetty handler's, before anything is sent

        @Override
        public long checkWrite() {
          long g = Math.min(64 * 1024, window);
          grants.add(g);
          return g;
        }

        @Override
        public void write(byte[] b) {
          window -= b.length;
          sent.writeBytes(b);
        }

        @Override
        public void flush() {}

        @Override
        public boolean writeReady() {
          return true;
        }

        @Override
        public Val finish(List<HttpField> t) {
          trailers = t;
          return null;
        }

        @Override
        public void dropped() {
          trailers = null;
        }
      };
    }

    @Override
    public void handle(OutgoingRequest request, FutureIncomingResponse response) {
      requests.add(request);
      response.fail(ErrorCodes.of("connection-refused"));
    }
  }

  @Test
  void requestsNoRouteTakesGoToTheDelegateWithTheBodyWrittenBeforeHandle() {
    Network network = new Network();
    OutgoingHandler h =
        Caller.handler(
            InProcessRouting.of(
                List.of(InProcessRoute.to("callee", InProcessRoute.host("callee"), ECHO, 1)),
                context -> network),
            sink);
    Caller c = new Caller(h, true);
    byte[] early = bytes(300_000);
    assertNull(c.write(early));
    assertEquals(early.length, c.body.buffered(), "held until the destination is known");
    assertTrue(h.servesInProcess(request("http", "callee", Caller.INCOMING)));
    assertFalse(h.servesInProcess(request("http", "elsewhere:81", Caller.INCOMING)));
    c.send("POST", "http", "elsewhere:81", "/up");
    assertEquals(1, network.requests.size());
    assertArrayEquals(early, network.sent.toByteArray(), "replayed into the delegate's body");
    assertTrue(network.requests.get(0).body() != c.body, "the delegate sends its own body");
    byte[] late = bytes(1000);
    assertNull(c.write(late));
    assertNull(c.body.finish(List.of(HttpField.latin1("x-t", "1"))));
    assertEquals(early.length + late.length, network.sent.size(), "later writes go straight on");
    assertEquals(List.of(HttpField.latin1("x-t", "1")), network.trailers);
    assertEquals(ErrorCodes.of("connection-refused"), c.response().error);
  }

  @Test
  void noThreadFreeIsA503WithRetryAfter() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    OutgoingHandler h =
        routing(
            x -> {
              try {
                release.await();
                x.respond(200, List.of());
                x.finish(List.of());
              } catch (InterruptedException | IOException e) {
                throw new AssertionError(e);
              }
            },
            1);
    Caller first = new Caller(h, false);
    first.send("GET", "http", "callee", "/");
    Caller second = new Caller(h, false);
    second.send("GET", "http", "callee", "/");
    assertEquals(503, second.response().status);
    assertEquals("1", second.future.header("Retry-After"));
    release.countDown();
    assertEquals(200, first.response().status);
    assertTrue(
        log.stream().anyMatch(l -> l.contains("all 1 threads for callee busy")), log::toString);

    OutgoingHandler refusing =
        Caller.handler(
            InProcessRouting.of(
                List.of(
                    InProcessRoute.to(
                        "callee",
                        InProcessRoute.host("callee"),
                        ECHO,
                        r -> {
                          throw new RejectedExecutionException("no container thread waits");
                        })),
                context -> NO_NETWORK),
            sink);
    Caller third = new Caller(refusing, true);
    third.send("POST", "http", "callee", "/");
    assertEquals(503, third.response().status);
    assertNull(third.write(bytes(2 << 20)), "its body goes nowhere");
  }

  @Test
  void responseFieldsOverTheCallersCapFailTheRequest() {
    Caller c =
        new Caller(
            routing(
                x -> {
                  try {
                    x.respond(200, List.of(HttpField.latin1("x-big", "a".repeat(200 * 1024))));
                  } catch (IOException e) {
                    return; // the guest refused it: the callee's client went away
                  }
                  throw new AssertionError("a head over the cap must not be taken");
                },
                1),
            false);
    c.send("GET", "http", "callee", "/");
    assertEquals(ErrorCodes.of("HTTP-response-header-section-size"), c.response().error);
  }

  @Test
  void ownOriginIsTheIncomingSchemeAndAuthorityWithDefaultPorts() {
    var own = InProcessRoute.ownOrigin();
    assertTrue(own.test(request("http", "front:8080", Caller.INCOMING)));
    assertTrue(own.test(request("http", "FRONT:8080", Caller.INCOMING)));
    assertFalse(own.test(request("https", "front:8080", Caller.INCOMING)), "another scheme");
    assertFalse(own.test(request("http", "front:8081", Caller.INCOMING)), "another port");
    assertFalse(own.test(request("http", "front", Caller.INCOMING)), "port 80 is another port");
    var noPort = new IncomingRequestHead("GET", "http", "front", "/", List.of());
    assertTrue(own.test(request("http", "front:80", noPort)), "the default port, explicit");
    assertTrue(own.test(request("http", "front", noPort)));
    var none = new IncomingRequestHead("GET", "http", null, "/", List.of());
    assertFalse(own.test(request("http", "front", none)), "no authority, no origin");
    var odd = new IncomingRequestHead("GET", "http", "front:x9", "/", List.of());
    assertFalse(own.test(request("http", "front", odd)), "a malformed incoming port");

    var named = InProcessRoute.host("backend");
    assertTrue(named.test(request("https", "Backend:9", Caller.INCOMING)), "any scheme and port");
    assertFalse(named.test(request("http", "backend.example", Caller.INCOMING)));
  }

  static OutgoingRequest request(String scheme, String authority, IncomingRequestHead incoming) {
    int colon = authority.lastIndexOf(':');
    String host = colon < 0 ? authority : authority.substring(0, colon);
    int port =
        colon < 0
            ? (scheme.equals("http") ? 80 : 443)
            : Integer.parseInt(authority.substring(colon + 1));
    return new OutgoingRequest(
        "GET", scheme, authority, host, port, "/", List.of(), null, RequestOptions.NONE, incoming);
  }
}
