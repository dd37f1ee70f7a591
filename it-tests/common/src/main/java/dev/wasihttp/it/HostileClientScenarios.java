package dev.wasihttp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.component.Component;
import dev.wasihttp.http.LogSink;
import dev.wasihttp.http.proxy.WasiHttpConfig;
import dev.wasihttp.http.proxy.WasiHttpHandler;
import dev.wasihttp.servlet.InitParams;
import dev.wasihttp.servlet.WasiHttpServletOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Clients that misbehave, on raw sockets, against hello-c's echo behind {@code WasiHttpServlet}
 * (and proxy-c at {@code /proxy/*}, in front of an upstream that never answers), with a request
 * deadline of {@link #DEADLINE}: a body slower than the deadline, a client that vanishes in the
 * middle of its body, malformed chunked encoding, and 10,000 request headers. Each must end only
 * its own request: it frees what it held (the instance goes back to the pool, no body reader stays
 * inside the container's stream, no upstream connection stays open), it is logged in one line, and
 * the next request is served. Each servlet runs a {@link WasiHttpHandler} made here from its own
 * init-params, so the test can read {@link WasiHttpHandler#poolStats()}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class HostileClientScenarios {
  /** The request deadline of the deployment: short, so a slow client meets it. */
  static final Duration DEADLINE = Duration.ofSeconds(2);

  /** What a request whose deadline passed before anything was sent is answered with. */
  static final int DEADLINE_STATUS = 504;

  /** Generous bound of every read: a hang fails the test instead of stalling the build. */
  static final int READ_TIMEOUT_MILLIS = 60_000;

  static final String NAME = "hostile";

  /** proxy-c's name; its body reader threads are named after it, under {@link #NAME}. */
  static final String PROXY = NAME + "-proxy";

  private ContainerFixture fixture;
  private SilentUpstream silent;
  private WasiHttpHandler echo;
  private WasiHttpHandler proxy;
  private int port;

  /** A new, unstarted fixture of the container under test. */
  protected abstract ContainerFixture newFixture();

  @BeforeAll
  void start() throws Exception {
    fixture = newFixture();
    silent = new SilentUpstream();
    Deployment echoAtRoot =
        Deployment.component(
            "",
            NAME,
            "/",
            Map.of(
                InitParams.COMPONENT,
                Samples.component("hello-c").toString(),
                InitParams.COMPONENT_NAME,
                NAME));
    Deployment proxyToSilence =
        Deployment.component(
            "",
            PROXY,
            "/proxy/*",
            Map.of(
                InitParams.COMPONENT,
                Samples.component("proxy-c").toString(),
                InitParams.COMPONENT_NAME,
                PROXY,
                InitParams.ENV_PREFIX + "UPSTREAM",
                silent.origin(),
                InitParams.ALLOW_OUTBOUND,
                silent.origin()));
    echo = handler(echoAtRoot);
    proxy = handler(proxyToSilence);
    port =
        fixture.start(List.of(withHandler(echoAtRoot, echo), withHandler(proxyToSilence, proxy)));
  }

  /**
   * The handler the servlet would make from {@code d}'s init-params, with the deadline {@link
   * #DEADLINE} and its log going to the container's log.
   */
  private WasiHttpHandler handler(Deployment d) throws Exception {
    Map<String, String> params = d.initParams();
    WasiHttpServletOptions options =
        WasiHttpServletOptions.fromInitParameters(params.keySet(), params::get);
    LogSink log = (level, line) -> fixture.log().add(level + " " + line);
    return WasiHttpHandler.create(
        Component.load(Path.of(options.component()), options.engine()),
        withDeadline(options.toWasiHttpConfig(log), DEADLINE));
  }

  private static Deployment withHandler(Deployment d, WasiHttpHandler handler) {
    return new Deployment(d.contextPath(), d.servletName(), d.mapping(), d.initParams(), handler);
  }

  /** {@code config} with the request deadline {@code deadline}. */
  static WasiHttpConfig withDeadline(WasiHttpConfig config, Duration deadline) {
    return config.toBuilder().timeout(deadline).build();
  }

  @AfterAll
  void stop() throws Exception {
    if (fixture != null) {
      fixture.close();
    }
    for (WasiHttpHandler h : new WasiHttpHandler[] {echo, proxy}) {
      if (h != null) {
        h.close();
      }
    }
    if (silent != null) {
      silent.close();
    }
  }

  // ---- a. a body slower than the deadline ----

  @Test
  void aBodySlowerThanTheDeadlineEndsItsRequestOnly() throws Exception {
    int mark = logMark();
    RawHttp.Reply r;
    try (RawHttp.Client c = RawHttp.Client.open(port, READ_TIMEOUT_MILLIS)) {
      c.send("POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 1000000\r\n\r\nfirst");
      AtomicBoolean done = new AtomicBoolean();
      Thread trickle = trickle(c, done);
      r = c.readToClose();
      done.set(true);
      trickle.join(READ_TIMEOUT_MILLIS);
    }
    assertEndedByDeadline(r);
    assertLoggedOnce(mark, NAME, "guest timed out");
  }

  @Test
  void aBodySlowerThanTheDeadlineBeforeAnyResponseIsAnswered5xx() throws Exception {
    // proxy-c sends the body on to an upstream that never answers: nothing is committed when the
    // deadline passes.
    int mark = logMark();
    RawHttp.Reply r;
    try (RawHttp.Client c = RawHttp.Client.open(port, READ_TIMEOUT_MILLIS)) {
      c.send("POST /proxy/slow HTTP/1.1\r\nHost: h\r\nContent-Length: 1000000\r\n\r\nfirst");
      AtomicBoolean done = new AtomicBoolean();
      Thread trickle = trickle(c, done);
      // The answer comes while the client is still sending; what happens to the connection
      // then is the container's (Jetty closes it, Tomcat reads on up to its maxSwallowSize).
      r = c.awaitResponse();
      done.set(true);
      trickle.join(READ_TIMEOUT_MILLIS);
    }
    assertEquals(DEADLINE_STATUS, r.status(), r.text());
    assertTrue(r.complete(), "a whole answer, not waiting for the slow body: " + r.text());
    assertLoggedOnce(mark, PROXY, "guest timed out");
    assertEventually(
        () -> silent.openWithBytes() == 0, "no upstream connection of the request stays open");
  }

  /** Sends one byte every 200 ms until {@code done} or the connection fails. */
  private static Thread trickle(RawHttp.Client c, AtomicBoolean done) {
    Thread t =
        new Thread(
            () -> {
              try {
                for (int i = 0; i < 300 && !done.get(); i++) {
                  Thread.sleep(200);
                  c.send("x");
                }
              } catch (IOException | InterruptedException e) {
                // the server closed the connection: what the test waits for
              }
            },
            "slow-client");
    t.setDaemon(true);
    t.start();
    return t;
  }

  /**
   * hello-c sets its response before it reads the body, so the deadline aborts a response already
   * started: its head, then no final chunk, and the connection closed. Should the deadline pass
   * before the guest set it, the answer is {@link #DEADLINE_STATUS}.
   */
  private static void assertEndedByDeadline(RawHttp.Reply r) {
    if (r.status() == 200) {
      assertAborted(r);
    } else {
      assertEquals(DEADLINE_STATUS, r.status(), r.text());
    }
  }

  private static void assertAborted(RawHttp.Reply r) {
    assertTrue(r.closed(), "the server closes the connection: " + r.text());
    assertFalse(r.body().endsWith("0\r\n\r\n"), "no final chunk: " + r.text());
  }

  // ---- b. a client that vanishes mid-body ----

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aClientGoneInTheMiddleOfItsBodyEndsItsRequestOnly(boolean reset) throws Exception {
    int mark = logMark();
    try (RawHttp.Client c = RawHttp.Client.open(port, READ_TIMEOUT_MILLIS)) {
      c.send("POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 1048576\r\n\r\n");
      c.send(new byte[64 * 1024]);
      // The echo has begun: the guest is reading the body when the client goes.
      assertTrue(c.awaitText("\r\n\r\n"), "the echo started");
      if (reset) {
        c.reset();
      }
    }
    // Whichever side noticed first says it: the guest's write (the client went away) or the
    // body's read (it failed short of its length, and hello-c left its echo unfinished).
    String line = assertLoggedOnce(mark, NAME, "");
    assertTrue(line.contains("client went away") || line.contains("request body failed"), line);
  }

  // ---- c. malformed chunked encoding ----

  /**
   * The container fails the body's read: the guest sees a failed stream (hello-c then leaves its
   * echo unfinished), and the request ends with the container's 400 (Tomcat, when nothing had gone
   * out yet) or with the echo aborted, never a clean short one; the connection is closed, as a
   * broken framing leaves nothing to read on.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "zz\r\nhello\r\n0\r\n\r\n", // a chunk size that is not hex
        "5\r\nhelloXX0\r\n\r\n", // no CRLF after the chunk's data
        "10000000000000000\r\nhello\r\n0\r\n\r\n", // a chunk size past a long
      })
  void malformedChunkedEncodingEndsItsRequestOnly(String body) throws Exception {
    int mark = logMark();
    RawHttp.Reply r =
        RawHttp.exchange(
            port,
            "POST /echo HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n" + body,
            READ_TIMEOUT_MILLIS);
    assertTrue(r.closed(), "the connection is closed: " + r.text());
    if (r.status() != 400) {
      assertEquals(200, r.status(), r.text());
      assertAborted(r);
    }
    assertLoggedOnce(mark, NAME, "request body failed");
  }

  // ---- d. 10,000 request headers ----

  /**
   * Both containers refuse a head this large by default (Jetty 431, Tomcat 400), before the servlet
   * runs; should a container accept it, the host's fields cap answers (see proxy-c's handler test).
   * The refusal is the container's to log (Tomcat does, once); the host logs nothing.
   */
  @Test
  void tenThousandHeadersAreRefusedAndChangeNothing() throws Exception {
    int mark = logMark();
    StringBuilder request = new StringBuilder("GET /hi HTTP/1.1\r\nHost: h\r\n");
    for (int i = 0; i < 10_000; i++) {
      request.append("x-h-").append(i).append(": ").append(i).append("\r\n");
    }
    request.append("Connection: close\r\n\r\n");
    RawHttp.Reply r;
    try (RawHttp.Client c = RawHttp.Client.open(port, READ_TIMEOUT_MILLIS)) {
      try {
        c.send(request.toString());
      } catch (IOException e) {
        // The container stopped reading once it refused the head.
      }
      r = c.readToClose();
    }
    assertTrue(r.closed(), r.text());
    // A reset may discard the refusal before the client reads it: then nothing came at all.
    assertTrue(r.status() == 431 || r.status() == 400 || r.bytes().length == 0, r.statusLine());
    assertFreedAndServingOn();
    List<String> lines = linesSince(mark);
    assertTrue(
        lines.size() <= 1 && lines.stream().noneMatch(l -> l.contains("[" + NAME)),
        () -> String.join("\n", lines));
  }

  // ---- what every hostile client must leave behind ----

  private int logMark() {
    return fixture.log().lines().size();
  }

  /**
   * The request ended, freed what it held, was logged in one line containing {@code text}, and the
   * next request is served.
   */
  private String assertLoggedOnce(int mark, String name, String text) throws Exception {
    String line = awaitLineSince(mark, l -> l.contains("[" + name + "]") && l.contains(text));
    assertNotNull(line, () -> String.join("\n", linesSince(mark)));
    assertFreedAndServingOn();
    List<String> lines = linesSince(mark);
    assertEquals(1, lines.size(), () -> String.join("\n", lines));
    return line;
  }

  /** The first line logged since {@code mark} that matches, waiting up to 30 s; or null. */
  private String awaitLineSince(int mark, Predicate<String> match) throws InterruptedException {
    long end = System.nanoTime() + 30_000_000_000L;
    do {
      for (String line : linesSince(mark)) {
        if (match.test(line)) {
          return line;
        }
      }
      Thread.sleep(20);
    } while (System.nanoTime() < end);
    return null;
  }

  private List<String> linesSince(int mark) {
    List<String> all = fixture.log().lines();
    return new ArrayList<>(all.subList(Math.min(mark, all.size()), all.size()));
  }

  private void assertFreedAndServingOn() throws Exception {
    assertEventually(
        () -> echo.poolStats().inUse() == 0 && proxy.poolStats().inUse() == 0,
        "the instance went back");
    assertEventually(() -> readersInBodies().isEmpty(), "no body reader is left in a request body");
    RawHttp.Reply next =
        RawHttp.exchange(
            port,
            "GET /next HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n",
            READ_TIMEOUT_MILLIS);
    assertEquals("hello from C: GET /next\n", next.dechunked(), next.text());
  }

  /** The handler's body reader threads that are inside a request body (not idle in their pool). */
  private static List<String> readersInBodies() {
    List<String> inside = new ArrayList<>();
    Thread.getAllStackTraces()
        .forEach(
            (t, stack) -> {
              if (t.getName().startsWith("wasi-http-body-" + NAME)) {
                for (StackTraceElement e : stack) {
                  if (e.getClassName().endsWith("IncomingBodyReader")) {
                    inside.add(t.getName() + " " + List.of(stack));
                    break;
                  }
                }
              }
            });
    return inside;
  }

  /** Waits up to 30 s (generous: returns as soon as it holds) for {@code condition}. */
  private static void assertEventually(BooleanSupplier condition, String what)
      throws InterruptedException {
    long end = System.nanoTime() + 30_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError(what + ": not within 30 s");
      }
      Thread.sleep(20);
    }
  }
}
