package dev.wasihttp.component;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.component.errors.Trap;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the freestanding C {@code wasi:http/proxy@0.2.0} sample ({@code samples/components/hello-c})
 * end to end on {@link TestHttpHost}: one fresh instance per request, as Wasmtime and Spin do.
 */
class HelloCHandlerTest {
  static final Path HELLO_C = Path.of("../samples/components/hello-c/hello-c.wasm");
  static final List<Map.Entry<String, String>> HEADERS =
      List.of(Map.entry("content-type", "text/plain"), Map.entry("x-wasm-lang", "c"));
  static final int BODY_SIZE = 100 * 1024;

  static Component component;
  static TestHttpHost host;
  static InstancePre<TestExchange> pre;

  @BeforeAll
  static void link() throws Exception {
    component = Component.load(HELLO_C);
    host = new TestHttpHost();
    pre = host.instantiatePre(component);
  }

  static TestExchange run(TestExchange x) throws ComponentException {
    host.handle(pre, x);
    return x;
  }

  @Test
  void hello() throws Exception {
    TestExchange x = run(new TestExchange("GET", "/hello?x=1"));
    assertTrue(x.responseSet);
    assertEquals(200, x.status);
    assertEquals(HEADERS, x.headers);
    assertEquals("hello from C: GET /hello?x=1\n", x.bodyText());
    assertTrue(x.finished);
    assertEquals(List.of("set", "write 29", "finish"), x.events);
  }

  @Test
  void otherMethodIsNamedAsTheHostPassedIt() throws Exception {
    TestExchange x = run(new TestExchange("PROPFIND", "/dav/file"));
    assertEquals(200, x.status);
    assertEquals("hello from C: PROPFIND /dav/file\n", x.bodyText());
    assertTrue(x.finished);
  }

  @Test
  void echoStreamsTheBodyBackInPieces() throws Exception {
    byte[] body = randomBytes(BODY_SIZE);
    TestExchange x = run(new TestExchange("POST", "/echo").body(body));
    assertEquals(200, x.status);
    assertEquals(HEADERS, x.headers);
    assertArrayEquals(body, x.body.toByteArray());
    assertTrue(x.finished);
    // Status and headers go first, then 25 reads of 4096 each echoed at once, then EOF.
    assertEquals("set", x.events.get(0));
    List<Integer> reads = x.sizes("read");
    assertEquals(BODY_SIZE / 4096, reads.size());
    assertTrue(reads.stream().allMatch(n -> n == 4096), reads::toString);
    assertEquals(reads, x.sizes("write"));
    int n = x.events.size();
    assertEquals(List.of("read-closed", "finish"), x.events.subList(n - 2, n));
  }

  @Test
  void echoCopesWithShortReads() throws Exception {
    byte[] body = randomBytes(BODY_SIZE);
    TestExchange x = run(new TestExchange("PUT", "/echo?chunked").body(body).readChunk(1000));
    assertArrayEquals(body, x.body.toByteArray());
    List<Integer> writes = x.sizes("write");
    assertEquals(103, writes.size()); // 102 x 1000 + 400
    assertTrue(writes.stream().allMatch(n -> n <= 1000), writes::toString);
    assertTrue(x.finished);
  }

  @Test
  void trapBeforeAnyResponse() {
    TestExchange x = new TestExchange("GET", "/trap?now");
    Trap t = assertThrows(Trap.class, () -> run(x));
    assertTrue(t.reason().contains("unreachable"), t.reason());
    assertFalse(x.responseSet);
    assertFalse(x.finished);
    assertEquals(List.of(), x.events);
    assertEquals(0, x.body.size());
    // A trapped instance drops nothing; its handles die with it.
    assertEquals(List.of("incoming-request", "response-outparam"), x.guestOwned());
  }

  @Test
  void oversizedBlockingWriteTrapsTheGuest() throws Exception {
    // hello-c writes 4096-byte pieces: a host allowing only 1000 per call traps it mid-echo.
    TestHttpHost strict = new TestHttpHost(1000);
    TestExchange x = new TestExchange("POST", "/echo").body(randomBytes(5000));
    Trap t = assertThrows(Trap.class, () -> strict.handle(strict.instantiatePre(component), x));
    assertTrue(t.reason().contains("Buffer too large for blocking-write-and-flush"), t.reason());
    assertTrue(x.responseSet);
    assertFalse(x.finished);
    assertEquals(0, x.body.size());
  }

  @Test
  void requestsInARowGetFreshInstances() throws Exception {
    TestExchange first = run(new TestExchange("GET", "/one"));
    TestExchange trapped = new TestExchange("GET", "/trap");
    assertThrows(Trap.class, () -> run(trapped));
    TestExchange second = run(new TestExchange("DELETE", "/two?q"));
    assertEquals("hello from C: GET /one\n", first.bodyText());
    assertEquals("hello from C: DELETE /two?q\n", second.bodyText());
    assertTrue(first.finished && second.finished);
    assertNotSame(first, second);
  }

  @Test
  void everyResourceGivenToTheGuestIsDroppedOrHandedBack() throws Exception {
    TestExchange hello = run(new TestExchange("GET", "/"));
    assertEquals(List.of(), hello.guestOwned());
    assertEquals(List.of("output-stream", "incoming-request"), hello.dropped);
    assertEquals(
        List.of("fields", "response-outparam", "outgoing-response", "outgoing-body"), hello.kept);

    TestExchange echo = run(new TestExchange("POST", "/echo").body(randomBytes(10_000)));
    assertEquals(List.of(), echo.guestOwned());
    assertEquals(
        List.of("input-stream", "incoming-body", "output-stream", "incoming-request"),
        echo.dropped);
    assertEquals(hello.kept, echo.kept);
  }

  @Test
  void clientGoneFailsTheWriteAndTheGuestDropsTheError() throws Exception {
    byte[] body = randomBytes(BODY_SIZE);
    TestExchange x = run(new TestExchange("POST", "/echo").body(body).clientGoneAfter(5000));
    assertArrayEquals(Arrays.copyOf(body, 4096), x.body.toByteArray());
    assertTrue(x.events.contains("write-failed"));
    assertTrue(x.finished);
    assertEquals(List.of(), x.guestOwned());
    assertEquals(
        List.of("error", "input-stream", "incoming-body", "output-stream", "incoming-request"),
        x.dropped);
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }
}
