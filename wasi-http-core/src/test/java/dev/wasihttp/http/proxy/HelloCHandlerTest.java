package dev.wasihttp.http.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.component.EngineMode;
import dev.wasihttp.http.HttpField;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The freestanding C sample through {@link WasiHttpHandler}: a fresh instance per request, each of
 * the guest's writes reaching the exchange as it made it, and every way an echo can end (a trap, a
 * client gone, an exchange failing under the guest).
 */
class HelloCHandlerTest {
  static final Samples.Lines LOG = new Samples.Lines();
  static final List<HttpField> HEADERS =
      List.of(HttpField.latin1("content-type", "text/plain"), HttpField.latin1("x-wasm-lang", "c"));
  static final int BODY_SIZE = 100 * 1024;
  static final Map<EngineMode, WasiHttpHandler> HANDLERS = new EnumMap<>(EngineMode.class);

  @BeforeAll
  static void link() throws Exception {
    for (EngineMode mode : List.of(EngineMode.INTERPRETER, EngineMode.COMPILER)) {
      HANDLERS.put(
          mode,
          WasiHttpHandler.create(
              Samples.load(Samples.HELLO_C, mode),
              WasiHttpConfig.builder().componentName("hello-c").log(LOG).build()));
    }
  }

  @AfterAll
  static void close() {
    HANDLERS.values().forEach(WasiHttpHandler::close);
  }

  static MemoryExchange run(EngineMode mode, MemoryExchange x) {
    HANDLERS.get(mode).handle(x);
    return x;
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void hello(EngineMode mode) {
    MemoryExchange x = run(mode, new MemoryExchange("GET", "/hello?x=1"));
    assertEquals(List.of("respond 200", "finish"), x.calls);
    assertEquals(HEADERS, x.headers);
    assertEquals("hello from C: GET /hello?x=1\n", x.bodyText());
    assertEquals(List.of(29), x.writes);
  }

  static Stream<Arguments> methodsInEveryMode() {
    return Stream.of(EngineMode.INTERPRETER, EngineMode.COMPILER)
        .flatMap(
            mode ->
                Stream.of("GET", "POST", "PUT", "DELETE", "PATCH", "PROPFIND", "get")
                    .map(method -> Arguments.of(mode, method)));
  }

  @ParameterizedTest
  @MethodSource("methodsInEveryMode")
  void everyMethodIsNamedAsReceived(EngineMode mode, String method) {
    MemoryExchange x = run(mode, new MemoryExchange(method, "/p?q=1"));
    assertEquals(List.of("respond 200", "finish"), x.calls);
    assertEquals("text/plain", x.header("content-type"));
    assertEquals("c", x.header("x-wasm-lang"));
    assertEquals("hello from C: " + method + " /p?q=1\n", x.bodyText());
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void headKeepsHeadersAndDropsTheBody(EngineMode mode) {
    MemoryExchange x = run(mode, new MemoryExchange("HEAD", "/"));
    assertEquals(List.of("respond 200", "finish"), x.calls);
    assertEquals("text/plain", x.header("content-type"));
    assertEquals(0, x.body.size());
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void echoStreamsTheBodyBackInPieces(EngineMode mode) {
    byte[] body = Samples.randomBytes(BODY_SIZE);
    MemoryExchange x = run(mode, new MemoryExchange("POST", "/echo").body(body));
    assertEquals(List.of("respond 200", "finish"), x.calls);
    assertEquals(HEADERS, x.headers);
    assertArrayEquals(body, x.body.toByteArray());
    // The guest reads up to 64 KiB at a time and echoes each read at once, in the pieces the
    // host grants (64 KiB): 100 KiB in two writes.
    assertEquals(List.of(65536, BODY_SIZE - 65536), x.writes);
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void anEchoForAClientExpecting100ContinueLetsTheContainerSendIt(EngineMode mode) {
    // The guest sets its response before it reads the body: flushing it at the guest's first wait
    // would commit the response, and the container could no longer send the 100 the client waits
    // for before it sends the body.
    byte[] body = Samples.randomBytes(BODY_SIZE);
    MemoryExchange x = run(mode, new MemoryExchange("POST", "/echo").body(body).expectContinue());
    assertEquals(List.of("respond 200", "100 continue", "finish"), x.calls);
    assertArrayEquals(body, x.body.toByteArray());
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void echoCopesWithShortReads(EngineMode mode) {
    byte[] body = Samples.randomBytes(BODY_SIZE);
    MemoryExchange x = new MemoryExchange("PUT", "/echo?chunked");
    run(mode, x.body(Samples.trickle(x, body, 1000)));
    assertEquals(List.of("respond 200", "finish"), x.calls);
    assertArrayEquals(body, x.body.toByteArray());
    assertEquals(103, x.writes.size()); // 102 x 1000 + 400
    assertTrue(x.writes.stream().allMatch(n -> n <= 1000), x.writes::toString);
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void echoStreamsMegabytesWhileTheRequestIsStillArriving(EngineMode mode) throws Exception {
    byte[] body = Samples.randomBytes(3 * 1024 * 1024);
    MemoryExchange x = new MemoryExchange("POST", "/echo");
    boolean[] early = new boolean[1];
    Thread client = Samples.duplexClient(x, body, 512 * 1024, early);
    run(mode, x);
    client.join(10_000);
    assertTrue(early[0], "response bytes flowed before the request body was complete");
    assertEquals(List.of("respond 200", "finish"), x.calls);
    assertArrayEquals(body, x.body.toByteArray());
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void anInteractiveEchoReachesTheClientBeforeItSendsMore(EngineMode mode) throws Exception {
    // The guest writes without asking for a flush, then waits for the next piece: what it wrote
    // must reach the client while it waits, or client and guest wait for each other.
    PipedOutputStream client = new PipedOutputStream();
    MemoryExchange x = new MemoryExchange("POST", "/echo");
    x.body(new PipedInputStream(client));
    Thread guest = new Thread(() -> run(mode, x));
    guest.start();
    try {
      client.write("ping".getBytes(StandardCharsets.US_ASCII));
      client.flush();
      assertTrue(x.awaitFlushed(4, 30_000), "the first piece was flushed while the guest waited");
      client.write("pong".getBytes(StandardCharsets.US_ASCII));
      client.flush();
      assertTrue(x.awaitFlushed(8, 30_000), "the second piece too");
    } finally {
      client.close();
      guest.join(30_000);
    }
    assertEquals(List.of("respond 200", "finish"), x.calls);
    assertEquals("pingpong", x.bodyText());
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void bytesStreamsExactlyNBytesOfThePatternInGrantedPieces(EngineMode mode) {
    int n = 1_000_000;
    MemoryExchange x = run(mode, new MemoryExchange("GET", "/bytes?n=" + n));
    assertEquals(List.of("respond 200", "finish"), x.calls);
    assertEquals("application/octet-stream", x.header("content-type"));
    byte[] body = x.body.toByteArray();
    assertEquals(n, body.length);
    for (int i = 0; i < n; i++) {
      if (body[i] != (byte) i) {
        throw new AssertionError("byte " + i + " is " + (body[i] & 0xff));
      }
    }
    // One write per 64 KiB that check-write grants: 15 x 65536 + 16960.
    assertEquals(16, x.writes.size(), x.writes::toString);
    assertTrue(x.writes.stream().allMatch(w -> w <= 64 * 1024), x.writes::toString);
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void bytesOfZeroIsAnEmpty200(EngineMode mode) {
    MemoryExchange x = run(mode, new MemoryExchange("GET", "/bytes?n=0"));
    assertEquals(List.of("respond 200", "finish"), x.calls);
    assertEquals("application/octet-stream", x.header("content-type"));
    assertEquals(0, x.body.size());
  }

  static Stream<Arguments> badCountsInEveryMode() {
    return Stream.of(EngineMode.INTERPRETER, EngineMode.COMPILER)
        .flatMap(
            mode ->
                Stream.of(
                        "/bytes", "/bytes?n=", "/bytes?n=-1", "/bytes?n=1x", "/bytes?n=1073741825")
                    .map(path -> Arguments.of(mode, path)));
  }

  @ParameterizedTest
  @MethodSource("badCountsInEveryMode")
  void bytesWithoutAValidCountIsA400(EngineMode mode, String path) {
    MemoryExchange x = run(mode, new MemoryExchange("GET", path));
    assertEquals(List.of("respond 400", "finish"), x.calls);
    assertEquals("text/plain", x.header("content-type"));
    assertTrue(x.bodyText().startsWith("bad request: expected /bytes?n=N"), x.bodyText());
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void bytesFindsNAmongOtherParameters(EngineMode mode) {
    MemoryExchange x = run(mode, new MemoryExchange("GET", "/bytes?a=1&n=300&b"));
    assertEquals(List.of("respond 200", "finish"), x.calls);
    byte[] body = x.body.toByteArray();
    assertEquals(300, body.length);
    assertEquals((byte) 299, body[299]);
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void trapBeforeSetFailsWith500AndTheNextRequestSucceeds(EngineMode mode) {
    MemoryExchange x = run(mode, new MemoryExchange("GET", "/trap"));
    assertEquals(List.of("fail 500"), x.calls);
    assertTrue(x.failReason.contains("unreachable"), x.failReason);
    assertEquals(0, x.body.size());
    assertTrue(LOG.contains("[hello-c] answered 500: the guest trapped"), LOG.snapshot()::toString);
    MemoryExchange next = run(mode, new MemoryExchange("GET", "/after"));
    assertEquals(List.of("respond 200", "finish"), next.calls);
    assertEquals("hello from C: GET /after\n", next.bodyText());
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void requestTrailersAndForbiddenHeadersNeverBreakTheGuest(EngineMode mode) {
    MemoryExchange x =
        run(
            mode,
            new MemoryExchange("POST", "/echo")
                .header("Host", "example.com")
                .header("Connection", "close")
                .header("Content-Type", "text/plain")
                .body("tiny".getBytes()));
    assertEquals("tiny", x.bodyText());
    assertNull(x.abortReason);
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void requestsInARowGetFreshInstances(EngineMode mode) {
    MemoryExchange first = run(mode, new MemoryExchange("GET", "/one"));
    MemoryExchange trapped = run(mode, new MemoryExchange("GET", "/trap"));
    MemoryExchange second = run(mode, new MemoryExchange("DELETE", "/two?q"));
    assertEquals(List.of("respond 200", "finish"), first.calls);
    assertEquals(List.of("fail 500"), trapped.calls);
    assertEquals(List.of("respond 200", "finish"), second.calls);
    assertEquals("hello from C: GET /one\n", first.bodyText());
    assertEquals("hello from C: DELETE /two?q\n", second.bodyText());
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void aClientGoneMidEchoFailsTheGuestsWriteAndAbortsTheResponse(EngineMode mode) {
    byte[] body = Samples.randomBytes(BODY_SIZE);
    int before = LOG.snapshot().size();
    MemoryExchange x =
        run(
            mode,
            new MemoryExchange("POST", "/echo")
                .body(body)
                .writesFailAfter(70_000, new IOException("client went away")));
    // The first 64 KiB went out; the second write failed, and the guest, seeing a failed
    // write, stopped echoing and finished its body, which cannot end cleanly any more.
    assertArrayEquals(Arrays.copyOf(body, 65536), x.body.toByteArray());
    assertEquals(List.of("respond 200", "abort"), x.calls);
    assertEquals(
        List.of("INFO [hello-c] client went away: java.io.IOException: client went away"),
        linesSince(before),
        "one line: the abort that follows is the client's doing");
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void aRequestBodyCutShortIsLoggedOnceWithTheAbort(EngineMode mode) {
    InputStream cut =
        new SequenceInputStream(
            new ByteArrayInputStream("hello".getBytes(StandardCharsets.US_ASCII)),
            new InputStream() {
              @Override
              public int read() throws IOException {
                throw new IOException("early EOF");
              }
            });
    int before = LOG.snapshot().size();
    MemoryExchange x = run(mode, new MemoryExchange("POST", "/echo").body(cut));
    // hello-c leaves its echo unfinished when a read fails: the response is aborted, and its one
    // line names the body's failure.
    assertEquals(List.of("respond 200", "abort"), x.calls);
    assertEquals("hello", x.bodyText());
    assertEquals(
        List.of(
            "WARN [hello-c] response aborted after it started: the guest returned without"
                + " finishing the outgoing-body (after its request body failed:"
                + " java.io.IOException: early EOF)"),
        linesSince(before));
  }

  static List<String> linesSince(int before) {
    List<String> all = LOG.snapshot();
    return all.subList(before, all.size());
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineMode.class,
      names = {"INTERPRETER", "COMPILER"})
  void anExchangeFailingUnderAGuestCallEndsTheRequestLikeATrap(EngineMode mode) {
    MemoryExchange x =
        run(
            mode,
            new MemoryExchange("POST", "/echo")
                .body(Samples.randomBytes(5000))
                .writesFailAfter(0, new IllegalStateException("container bug")));
    assertEquals(List.of("respond 200", "abort"), x.calls);
    assertEquals(0, x.body.size());
    assertTrue(x.abortReason.contains("host error"), x.abortReason);
    assertTrue(
        LOG.contains(
            "ERROR [hello-c] host error under a guest call: java.lang.IllegalStateException"),
        LOG.snapshot()::toString);
  }
}
