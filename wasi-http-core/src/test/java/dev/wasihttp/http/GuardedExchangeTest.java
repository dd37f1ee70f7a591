package dev.wasihttp.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ending rules, on an exchange that records what reaches it. */
class GuardedExchangeTest {
  /** Records the response calls that get through; its stream fails once told to. */
  static class Recorder implements HttpExchange {
    final List<String> calls = new ArrayList<>();
    final ByteArrayOutputStream body = new ByteArrayOutputStream();
    boolean broken;

    @Override
    public String method() {
      return "GET";
    }

    @Override
    public String scheme() {
      return "http";
    }

    @Override
    public String authority() {
      return "h";
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
    }

    @Override
    public OutputStream responseBody() {
      return new OutputStream() {
        @Override
        public void write(int b) throws IOException {
          if (broken) {
            throw new IOException("broken pipe");
          }
          calls.add("write");
          body.write(b);
        }
      };
    }

    @Override
    public void finish(List<HttpField> trailers) {
      calls.add("finish");
    }

    @Override
    public void abort(String reason) {
      calls.add("abort: " + reason);
    }

    @Override
    public void fail(int status, String reason) {
      calls.add("fail " + status + ": " + reason);
    }
  }

  final List<String> log = new ArrayList<>();
  final Recorder r = new Recorder();
  final GuardedExchange x =
      GuardedExchange.of(r, (level, line) -> log.add(level + " " + line), "[t] ");

  @Test
  void aCleanResponse() throws Exception {
    x.respond(200, List.of());
    x.responseBody().write('a');
    x.finish(List.of());
    assertEquals(List.of("respond 200", "write", "finish"), r.calls);
    assertEquals(GuardedExchange.State.FINISHED, x.state());
    assertEquals(List.of(), log);
    assertSame(x, GuardedExchange.of(x, LogSink.discard(), ""), "guarded once");
  }

  @Test
  void respondOnceOnlyWhileUncommitted() throws Exception {
    x.respond(200, List.of());
    assertThrows(IllegalStateException.class, () -> x.respond(500, List.of()));
    GuardedExchange failed = GuardedExchange.of(new Recorder(), LogSink.discard(), "");
    failed.fail(500, "x");
    assertThrows(IllegalStateException.class, () -> failed.respond(200, List.of()));
    assertThrows(IllegalStateException.class, failed::responseBody);
    assertThrows(
        IllegalStateException.class,
        () -> GuardedExchange.of(new Recorder(), LogSink.discard(), "").finish(List.of()));
  }

  @Test
  void failAfterCommitAbortsAndAbortBeforeCommitFails() throws Exception {
    x.abort("early");
    assertEquals(List.of("fail 500: early"), r.calls);
    assertEquals(GuardedExchange.State.FAILED, x.state());
    assertEquals(List.of("WARN [t] answered 500: early"), log);

    Recorder r2 = new Recorder();
    GuardedExchange y = GuardedExchange.of(r2, LogSink.discard(), "");
    y.respond(200, List.of());
    y.fail(502, "late");
    assertEquals(List.of("respond 200", "abort: late"), r2.calls);
    assertEquals(GuardedExchange.State.ABORTED, y.state());
  }

  /** Tells a missing answer apart, as an in-process exchange does. */
  static final class Unanswered extends Recorder {
    @Override
    public void failUnanswered(int status, String reason) {
      calls.add("unanswered " + status + ": " + reason);
    }
  }

  @Test
  void aHandlerThatGivesNoAnswerEndsUnansweredWhichAContainerAnswersAsAFailure() throws Exception {
    Unanswered u = new Unanswered();
    GuardedExchange.run(
        e -> {
          throw new IllegalStateException("boom");
        },
        u,
        LogSink.discard(),
        "");
    assertEquals(
        List.of("unanswered 500: handler failed: java.lang.IllegalStateException: boom"), u.calls);
    Unanswered silent = new Unanswered();
    GuardedExchange.run(e -> {}, silent, LogSink.discard(), "");
    assertEquals(List.of("unanswered 500: the handler returned without responding"), silent.calls);
    Unanswered late = new Unanswered();
    GuardedExchange.of(late, LogSink.discard(), "").faulted(504, "its deadline");
    assertEquals(List.of("unanswered 504: its deadline"), late.calls);
    Unanswered answered = new Unanswered();
    GuardedExchange.run(e -> e.fail(503, "busy"), answered, LogSink.discard(), "");
    assertEquals(List.of("fail 503: busy"), answered.calls, "an error status is an answer");

    // A container's exchange answers it with the status, as before, and logs it once.
    x.faulted(500, "the guest trapped");
    assertEquals(List.of("fail 500: the guest trapped"), r.calls);
    assertEquals(GuardedExchange.State.FAILED, x.state());
    assertEquals(500, x.status());
    assertEquals(List.of("WARN [t] answered 500: the guest trapped"), log);
    x.failUnanswered(504, "again");
    assertEquals(1, r.calls.size(), "once ended, nothing more");
  }

  @Test
  void atMostOneEnding() throws Exception {
    x.respond(200, List.of());
    x.abort("first");
    x.abort("second");
    x.fail(500, "third");
    assertThrows(IOException.class, () -> x.finish(List.of()));
    assertThrows(IOException.class, () -> x.responseBody().write('a'));
    assertEquals(List.of("respond 200", "abort: first"), r.calls);
    assertEquals(List.of("WARN [t] response aborted after it started: first"), log);
  }

  @Test
  void aFailedWriteMeansTheClientIsGoneAndFinishThenAborts() throws Exception {
    x.respond(200, List.of());
    r.broken = true;
    assertThrows(IOException.class, () -> x.responseBody().write('a'));
    assertTrue(x.clientGone());
    r.broken = false;
    assertThrows(IOException.class, () -> x.responseBody().write('b'), "not tried again");
    assertThrows(IOException.class, () -> x.finish(List.of()));
    assertEquals(
        List.of("respond 200", "abort: client went away before the body was finished"), r.calls);
    assertEquals(GuardedExchange.State.ABORTED, x.state());
    assertTrue(
        log.get(0).startsWith("INFO [t] client went away: java.io.IOException"), log::toString);
    assertEquals(1, log.size(), "the abort that follows is not logged again: " + log);
  }

  @Test
  void aFaultAfterTheClientWentAwayIsStillLogged() throws Exception {
    x.respond(200, List.of());
    r.broken = true;
    assertThrows(IOException.class, () -> x.responseBody().write('a'));
    x.faulted("the guest trapped: unreachable");
    assertEquals(GuardedExchange.State.ABORTED, x.state());
    assertEquals(2, log.size(), log::toString);
    assertEquals("WARN [t] after the client went away: the guest trapped: unreachable", log.get(1));
  }

  @Test
  void aHandlerThatReturnsWithoutEndingGets500OrAnAbort() {
    GuardedExchange.run(ex -> {}, r, LogSink.discard(), "");
    assertEquals(List.of("fail 500: the handler returned without responding"), r.calls);

    Recorder open = new Recorder();
    GuardedExchange ended =
        GuardedExchange.run(ex -> respond(ex, 200), open, LogSink.discard(), "");
    assertEquals(
        List.of("respond 200", "abort: the handler returned without ending the exchange"),
        open.calls);
    assertEquals(GuardedExchange.State.ABORTED, ended.state());
  }

  @Test
  void aHandlerThatThrowsGets500OrAnAbortAndIsLogged() {
    GuardedExchange.run(
        ex -> {
          throw new IllegalStateException("boom");
        },
        r,
        (level, line) -> log.add(level + " " + line),
        "[t] ");
    assertEquals(
        List.of("fail 500: handler failed: java.lang.IllegalStateException: boom"), r.calls);
    assertTrue(
        log.contains("ERROR [t] handler failed: java.lang.IllegalStateException: boom"),
        log::toString);

    Recorder committed = new Recorder();
    GuardedExchange.run(
        ex -> {
          respond(ex, 200);
          throw new IllegalStateException("late");
        },
        committed,
        LogSink.discard(),
        "");
    assertEquals(
        List.of(
            "respond 200",
            "abort: error after the response started: handler failed:"
                + " java.lang.IllegalStateException: late"),
        committed.calls);
  }

  @Test
  void aFaultAfterTheEndIsOnlyLogged() throws Exception {
    x.respond(204, List.of());
    x.finish(List.of());
    x.faulted("the guest trapped: unreachable");
    assertEquals(List.of("respond 204", "finish"), r.calls);
    assertEquals(List.of("WARN [t] after the response ended: the guest trapped: unreachable"), log);
  }

  @Test
  void aFailWithHeadersPassesThemOnAndARejectIsNotLogged() {
    List<HttpField> retry = List.of(HttpField.latin1("Retry-After", "1"));
    Recorder headed = new Recorder(); // implements fail(status, reason) only: headers dropped
    GuardedExchange.of(headed, LogSink.discard(), "").fail(503, retry, "busy");
    assertEquals(List.of("fail 503: busy"), headed.calls, "the default method");

    List<List<HttpField>> seen = new ArrayList<>();
    Recorder withHeaders =
        new Recorder() {
          @Override
          public void fail(int status, List<HttpField> headers, String reason) {
            seen.add(headers);
            super.fail(status, reason);
          }
        };
    GuardedExchange rejected = GuardedExchange.of(withHeaders, (l, line) -> log.add(line), "");
    rejected.reject(503, retry, "busy");
    assertEquals(List.of(retry), seen);
    assertEquals(List.of("fail 503: busy"), withHeaders.calls);
    assertEquals(List.of(), log, "a reject is the caller's to log");
    assertEquals(GuardedExchange.State.FAILED, rejected.state());
    assertEquals(503, rejected.status());
  }

  @Test
  void theStatusSentAndAFaultsOwnStatus() throws Exception {
    assertEquals(0, x.status());
    x.faulted(504, "guest timed out after 1 s");
    assertEquals(504, x.status());
    assertEquals(List.of("fail 504: guest timed out after 1 s"), r.calls);
    assertEquals(List.of("WARN [t] answered 504: guest timed out after 1 s"), log);

    Recorder r2 = new Recorder();
    GuardedExchange y = GuardedExchange.of(r2, LogSink.discard(), "");
    respond(y, 201);
    y.faulted(504, "guest timed out after 1 s");
    assertEquals(201, y.status());
    assertEquals(
        List.of(
            "respond 201", "abort: error after the response started: guest timed out after 1 s"),
        r2.calls);
  }

  @Test
  void anInterruptedWriteIsNoClientGoingAway() throws Exception {
    HttpExchange interrupted =
        new Recorder() {
          @Override
          public OutputStream responseBody() {
            return new OutputStream() {
              @Override
              public void write(int b) throws IOException {
                throw new InterruptedIOException("write interrupted");
              }
            };
          }
        };
    GuardedExchange y = GuardedExchange.of(interrupted, (l, line) -> log.add(line), "");
    respond(y, 200);
    assertThrows(IOException.class, () -> y.responseBody().write('a'));
    assertTrue(y.clientGone(), "later writes fail at once all the same");
    assertEquals(List.of(), log, "the deadline's ending is logged by the handler");
  }

  private static void respond(HttpExchange ex, int status) {
    try {
      ex.respond(status, List.of());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
