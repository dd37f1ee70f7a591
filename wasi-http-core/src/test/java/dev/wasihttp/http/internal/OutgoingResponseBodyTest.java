package dev.wasihttp.http.internal;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.component.errors.Trap;
import dev.wasihttp.component.values.Val;
import dev.wasihttp.http.GuardedExchange;
import dev.wasihttp.http.HttpField;
import dev.wasihttp.http.LogSink;
import dev.wasihttp.http.client.ErrorCodes;
import dev.wasihttp.http.proxy.MemoryExchange;
import dev.wasihttp.wasi.io.StreamError;
import dev.wasihttp.wasi.io.Waker;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The response body's rules: content-length counted, exemptions, early writes, endings. */
class OutgoingResponseBodyTest {
  /** A request by {@code method} whose exchange records the response calls, trailers included. */
  static MemoryExchange exchange(String method) {
    return new MemoryExchange(method, "/").trailersInCalls();
  }

  static GuardedExchange committed(MemoryExchange r) throws IOException {
    GuardedExchange c = GuardedExchange.of(r, LogSink.discard(), "");
    c.respond(200, List.of());
    return c;
  }

  static byte[] b(String s) {
    return s.getBytes(ISO_8859_1);
  }

  @Test
  void writesGoStraightThroughAndFinishEndsCleanly() throws Exception {
    MemoryExchange r = exchange("GET");
    OutgoingResponseBody body = new OutgoingResponseBody(null);
    body.attach(committed(r), false, new Waker());
    assertEquals(OutgoingResponseBody.GRANT, body.checkWrite());
    body.write(b("hello "));
    assertEquals("hello ", r.body.toString(ISO_8859_1));
    body.write(b("world"));
    assertNull(body.finish(List.of(HttpField.latin1("x-t", "1"))));
    assertEquals(List.of("respond 200", "finish [x-t: 1]"), r.calls);
    assertTrue(body.checkWriteClosed());
  }

  @Test
  void writingPastContentLengthFailsTheWriteAndAbortsAtFinish() throws Exception {
    MemoryExchange r = exchange("GET");
    OutgoingResponseBody body = new OutgoingResponseBody(5L);
    body.attach(committed(r), false, new Waker());
    body.write(b("abc"));
    StreamError e = assertThrows(StreamError.class, () -> body.write(b("def")));
    assertEquals(ErrorCodes.responseBodySize(6), e.detail());
    assertThrows(StreamError.class, body::checkWrite, "the stream is closed after a failure");
    assertEquals(ErrorCodes.responseBodySize(6), body.finish(List.of()));
    assertEquals(List.of("respond 200", "abort"), r.calls);
    assertEquals("abc", r.body.toString(ISO_8859_1));
  }

  @Test
  void finishingShortOfContentLengthFailsAndAborts() throws Exception {
    MemoryExchange r = exchange("GET");
    OutgoingResponseBody body = new OutgoingResponseBody(10L);
    body.attach(committed(r), false, new Waker());
    body.write(b("abc"));
    assertEquals(ErrorCodes.responseBodySize(3), body.finish(List.of()));
    assertEquals(List.of("respond 200", "abort"), r.calls);
  }

  @Test
  void exactContentLengthFinishes() throws Exception {
    MemoryExchange r = exchange("GET");
    OutgoingResponseBody body = new OutgoingResponseBody(3L);
    body.attach(committed(r), false, new Waker());
    body.write(b("abc"));
    assertNull(body.finish(List.of()));
    assertEquals(List.of("respond 200", "finish"), r.calls);
  }

  @Test
  void exemptResponsesDiscardTheBodyAndSkipTheCount() throws Exception {
    MemoryExchange r = exchange("HEAD");
    OutgoingResponseBody body = new OutgoingResponseBody(100L);
    body.attach(committed(r), true, new Waker());
    body.write(b("not sent"));
    assertNull(body.finish(List.of()));
    assertEquals(List.of("respond 200", "finish"), r.calls);
    assertEquals(0, r.body.size());
  }

  @Test
  void writesBeforeSetAreHeldThenReplayed() throws Exception {
    MemoryExchange r = exchange("GET");
    OutgoingResponseBody body = new OutgoingResponseBody(null);
    body.checkWrite();
    body.write(b("early "));
    assertNull(body.finish(List.of()), "finish before set is remembered");
    assertEquals(List.of(), r.calls);
    body.attach(committed(r), false, new Waker());
    assertEquals(List.of("respond 200", "finish"), r.calls);
    assertEquals("early ", r.body.toString(ISO_8859_1));
  }

  @Test
  void beforeSetTheGrantShrinksToWhatMayBeHeld() throws Exception {
    OutgoingResponseBody body = new OutgoingResponseBody(null);
    for (int i = 0; i < OutgoingResponseBody.MAX_BEFORE_SET / OutgoingResponseBody.GRANT; i++) {
      assertEquals(OutgoingResponseBody.GRANT, body.checkWrite());
      body.write(new byte[OutgoingResponseBody.GRANT]);
    }
    assertEquals(0, body.checkWrite());
    assertTrue(!body.writeReady());
    Trap t = assertThrows(Trap.class, () -> body.write(new byte[1]));
    assertTrue(t.getMessage().contains("exceeded budget"), t.getMessage());
    body.attach(committed(exchange("GET")), false, new Waker());
    assertEquals(OutgoingResponseBody.GRANT, body.checkWrite());
  }

  @Test
  void beforeSetTheCountIsCheckedAtFinishAndTheFailureKept() throws Exception {
    OutgoingResponseBody body = new OutgoingResponseBody(5L, () -> false);
    body.write(b("abc"));
    assertEquals(ErrorCodes.responseBodySize(3), body.finish(List.of()));
    assertTrue(
        body.failedBeforeSet().contains("content-length declared 5"), body.failedBeforeSet());

    OutgoingResponseBody head = new OutgoingResponseBody(5L, () -> true);
    head.write(b("abc"));
    assertNull(head.finish(List.of()), "exempt (HEAD, 204, 304)");
    assertNull(head.failedBeforeSet());

    OutgoingResponseBody over = new OutgoingResponseBody(2L, () -> false);
    assertThrows(StreamError.class, () -> over.write(b("abc")));
    assertTrue(over.failedBeforeSet().contains("exceeds content-length 2"), over.failedBeforeSet());

    OutgoingResponseBody dropped = new OutgoingResponseBody(null);
    dropped.dropped();
    assertTrue(dropped.failedBeforeSet().contains("dropped"), dropped.failedBeforeSet());
  }

  @Test
  void droppingAnUnfinishedBodyAborts() throws Exception {
    MemoryExchange r = exchange("GET");
    OutgoingResponseBody body = new OutgoingResponseBody(null);
    body.attach(committed(r), false, new Waker());
    body.write(b("x"));
    body.dropped();
    assertEquals(List.of("respond 200", "abort"), r.calls);
  }

  @Test
  void clientGoneFailsWritesQuietly() throws Exception {
    MemoryExchange r = exchange("GET").writesFailAfter(0, new IOException("broken pipe"));
    OutgoingResponseBody body = new OutgoingResponseBody(null);
    body.attach(committed(r), false, new Waker());
    StreamError e = assertThrows(StreamError.class, () -> body.write(b("x")));
    assertEquals(new Val.Variant("connection-terminated", null), e.detail());
  }

  @Test
  void aFlushReachesTheClientWhenTheGuestNextWaitsSoASmallResponseGoesOutInOnePiece()
      throws Exception {
    MemoryExchange r = exchange("GET");
    Waker waker = new Waker();
    OutgoingResponseBody body = new OutgoingResponseBody(null);
    body.attach(committed(r), false, waker); // the headers wait for the first flush too
    body.write(b("a"));
    body.flush();
    body.write(b("b"));
    body.flush();
    assertEquals(0, r.flushes.get());
    waker.runBeforeWait(); // what Poller does before it blocks
    assertEquals(1, r.flushes.get());
    waker.runBeforeWait();
    assertEquals(1, r.flushes.get(), "one flush per request for it");
    body.flush();
    assertNull(body.finish(List.of())); // finishing ends the response: no flush left to make
    waker.runBeforeWait();
    assertEquals(1, r.flushes.get());
    assertEquals("ab", r.body.toString(ISO_8859_1));
  }
}
