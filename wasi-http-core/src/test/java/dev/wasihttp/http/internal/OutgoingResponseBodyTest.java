package dev.wasihttp.http.internal;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.component.errors.Trap;
import dev.wasihttp.component.values.Val;
import dev.wasihttp.http.GuardedExchange;
import dev.wasihttp.http.HttpExchange;
import dev.wasihttp.http.HttpField;
import dev.wasihttp.http.LogSink;
import dev.wasihttp.http.client.ErrorCodes;
import dev.wasihttp.wasi.io.StreamError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The response body's rules: content-length counted, exemptions, early writes, endings. */
class OutgoingResponseBodyTest {
  /** Records the response calls the host makes. */
  static class Recorder implements HttpExchange {
    final List<String> calls = new ArrayList<>();
    final ByteArrayOutputStream body = new ByteArrayOutputStream();
    final String method;
    List<HttpField> responseHeaders;

    Recorder(String method) {
      this.method = method;
    }

    @Override
    public String method() {
      return method;
    }

    @Override
    public String scheme() {
      return "http";
    }

    @Override
    public String authority() {
      return null;
    }

    @Override
    public String pathWithQuery() {
      return "/";
    }

    @Override
    public List<HttpField> requestHeaders() {
      return List.of();
    }

    @Override
    public InputStream requestBody() {
      return InputStream.nullInputStream();
    }

    @Override
    public List<HttpField> requestTrailers() {
      return List.of();
    }

    @Override
    public void respond(int status, List<HttpField> headers) {
      calls.add("respond " + status);
      responseHeaders = headers;
    }

    @Override
    public OutputStream responseBody() {
      return body;
    }

    @Override
    public void finish(List<HttpField> trailers) {
      calls.add("finish" + (trailers.isEmpty() ? "" : " " + trailers));
    }

    @Override
    public void abort(String reason) {
      calls.add("abort");
    }

    @Override
    public void fail(int status, String reason) {
      calls.add("fail " + status);
    }
  }

  static GuardedExchange committed(Recorder r) throws IOException {
    GuardedExchange c = GuardedExchange.of(r, LogSink.discard(), "");
    c.respond(200, List.of());
    return c;
  }

  static byte[] b(String s) {
    return s.getBytes(ISO_8859_1);
  }

  @Test
  void writesGoStraightThroughAndFinishEndsCleanly() throws Exception {
    Recorder r = new Recorder("GET");
    OutgoingResponseBody body = new OutgoingResponseBody(null);
    body.attach(committed(r), false);
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
    Recorder r = new Recorder("GET");
    OutgoingResponseBody body = new OutgoingResponseBody(5L);
    body.attach(committed(r), false);
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
    Recorder r = new Recorder("GET");
    OutgoingResponseBody body = new OutgoingResponseBody(10L);
    body.attach(committed(r), false);
    body.write(b("abc"));
    assertEquals(ErrorCodes.responseBodySize(3), body.finish(List.of()));
    assertEquals(List.of("respond 200", "abort"), r.calls);
  }

  @Test
  void exactContentLengthFinishes() throws Exception {
    Recorder r = new Recorder("GET");
    OutgoingResponseBody body = new OutgoingResponseBody(3L);
    body.attach(committed(r), false);
    body.write(b("abc"));
    assertNull(body.finish(List.of()));
    assertEquals(List.of("respond 200", "finish"), r.calls);
  }

  @Test
  void exemptResponsesDiscardTheBodyAndSkipTheCount() throws Exception {
    Recorder r = new Recorder("HEAD");
    OutgoingResponseBody body = new OutgoingResponseBody(100L);
    body.attach(committed(r), true);
    body.write(b("not sent"));
    assertNull(body.finish(List.of()));
    assertEquals(List.of("respond 200", "finish"), r.calls);
    assertEquals(0, r.body.size());
  }

  @Test
  void writesBeforeSetAreHeldThenReplayed() throws Exception {
    Recorder r = new Recorder("GET");
    OutgoingResponseBody body = new OutgoingResponseBody(null);
    body.checkWrite();
    body.write(b("early "));
    assertNull(body.finish(List.of()), "finish before set is remembered");
    assertEquals(List.of(), r.calls);
    body.attach(committed(r), false);
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
    body.attach(committed(new Recorder("GET")), false);
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
    Recorder r = new Recorder("GET");
    OutgoingResponseBody body = new OutgoingResponseBody(null);
    body.attach(committed(r), false);
    body.write(b("x"));
    body.dropped();
    assertEquals(List.of("respond 200", "abort"), r.calls);
  }

  @Test
  void clientGoneFailsWritesQuietly() throws Exception {
    Recorder r =
        new Recorder("GET") {
          @Override
          public OutputStream responseBody() {
            return new OutputStream() {
              @Override
              public void write(int b) throws IOException {
                throw new IOException("broken pipe");
              }
            };
          }
        };
    OutgoingResponseBody body = new OutgoingResponseBody(null);
    body.attach(committed(r), false);
    StreamError e = assertThrows(StreamError.class, () -> body.write(b("x")));
    assertEquals(new Val.Variant("connection-terminated", null), e.detail());
  }
}
