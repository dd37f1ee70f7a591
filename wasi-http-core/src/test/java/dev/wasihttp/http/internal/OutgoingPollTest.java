package dev.wasihttp.http.internal;

import static dev.wasihttp.http.internal.HttpHarness.HANDLER;
import static dev.wasihttp.http.internal.HttpHarness.MONOTONIC_CLOCK;
import static dev.wasihttp.http.internal.HttpHarness.POLL;
import static dev.wasihttp.http.internal.HttpHarness.STREAMS;
import static dev.wasihttp.http.internal.HttpHarness.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.component.values.Val;
import dev.wasihttp.wasi.internal.Host;
import dev.wasihttp.wasi.io.internal.IoResources;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code wasi:io/poll.poll} over a mix of what a proxying guest waits on: a timer, the body stream
 * of one response and the future of another. It blocks without spinning and returns the indices of
 * the pollables that are ready.
 */
class OutgoingPollTest {
  static Upstream upstream;

  @BeforeAll
  static void start() throws Exception {
    upstream = new Upstream();
  }

  @AfterAll
  static void stop() throws Exception {
    upstream.close();
  }

  static List<Integer> poll(HttpHarness h, Val... pollables) {
    List<Val> borrowed = new ArrayList<>();
    for (Val p : pollables) {
      borrowed.add(HttpHarness.borrow(p));
    }
    List<Integer> ready = new ArrayList<>();
    for (Val v : ((Val.ListValue) h.call(POLL, "poll", new Val.ListValue(borrowed))).elements()) {
      ready.add((int) ((Val.U32) v).value());
    }
    return ready;
  }

  @Test
  void aTimerAStreamAndAFutureInOnePoll() throws InterruptedException {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    try (var client = OutgoingHttpTest.client("http://127.0.0.1:*");
        HttpHarness h = OutgoingHttpTest.harness(client)) {
      // A response whose body stalls after "first": its stream is not ready once that is read.
      Val stalled =
          ok(
              OutgoingHttpTest.await(
                  h,
                  ok(
                      h.call(
                          HANDLER,
                          "handle",
                          OutgoingHttpTest.request(
                              h, "get", "HTTP", upstream.authority(), "/stall"),
                          Val.Option.none()))));
      Val stream =
          ok(
              h.method(
                  "incoming-body",
                  "stream",
                  ok(h.method("incoming-response", "consume", stalled))));
      String first = "";
      for (int i = 0; i < 1000 && first.length() < 5; i++) {
        first +=
            new String(
                Host.bytes(ok(h.method(STREAMS, "input-stream", "read", stream, new Val.U64(5)))));
        if (first.length() < 5) {
          Thread.sleep(5);
        }
      }
      assertEquals("first", first, "the upstream's first bytes, and no more yet");
      Val streamReady = h.method(STREAMS, "input-stream", "subscribe", stream);
      // A request whose response takes 2 s.
      Val future =
          ok(
              h.call(
                  HANDLER,
                  "handle",
                  OutgoingHttpTest.request(h, "get", "HTTP", upstream.authority(), "/slow"),
                  Val.Option.none()));
      Val responseReady = h.method("future-incoming-response", "subscribe", future);
      Val timer =
          h.call(
              MONOTONIC_CLOCK,
              "subscribe-duration",
              new Val.U64(TimeUnit.MILLISECONDS.toNanos(300)));

      // Never ready: counts how often poll asks, once per wake-up of a poll that sleeps.
      AtomicInteger checks = new AtomicInteger();
      Val counter =
          IoResources.pushPollable(
              h.wasi,
              () -> {
                checks.incrementAndGet();
                return false;
              });

      long cpu = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      assertEquals(
          List.of(2), poll(h, streamReady, responseReady, timer, counter), "only the timer");
      long waited = System.nanoTime() - t0;
      long spent = threads.getCurrentThreadCpuTime() - cpu;
      assertTrue(waited >= TimeUnit.MILLISECONDS.toNanos(250), "returned early: " + waited + " ns");
      // It slept: a few checks (a spinning poll makes thousands) and a small part of the wait in
      // CPU time, however busy the machine.
      assertTrue(checks.get() <= 10, "poll spun: it checked its pollables " + checks + " times");
      assertTrue(spent < waited / 2, "poll spun: " + spent + " ns of CPU in " + waited + " ns");

      // The stalled body ("late" after 2 s) and the slow response become ready in their time,
      // and stay ready; so does the fired timer.
      assertEquals(List.of(0), poll(h, streamReady));
      assertEquals(List.of(0), poll(h, responseReady));
      assertEquals(List.of(0, 1, 2), poll(h, streamReady, responseReady, timer));
      h.drop(POLL, "pollable", counter);
      h.drop(POLL, "pollable", timer);
      h.drop(POLL, "pollable", responseReady);
      h.drop(POLL, "pollable", streamReady);
      h.drop(STREAMS, "input-stream", stream);
    }
  }
}
