package dev.wasihttp.wasi.io;

import static dev.wasihttp.wasi.WasiHarness.u64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.component.errors.Trap;
import dev.wasihttp.component.values.Val;
import dev.wasihttp.wasi.WasiHarness;
import dev.wasihttp.wasi.io.internal.IoResources;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code wasi:io/poll}: {@code poll} blocks without spinning until a pollable is ready and returns
 * the ready indices; it wakes for timers and for producers on other threads, traps on an empty or
 * oversized list, and turns a thread interruption (a request deadline) into a trap.
 */
@Timeout(60) // hang guards only: every wait below ends as soon as its outcome is there
class PollTest {
  static final String POLL = "io/poll";

  final WasiHarness guest = new WasiHarness();

  Val poll(Val... pollables) {
    List<Val> borrowed = new ArrayList<>();
    for (Val p : pollables) {
      borrowed.add(WasiHarness.borrow(p));
    }
    return guest.call(POLL, "poll", new Val.ListValue(borrowed));
  }

  Val timer(long nanos) {
    return guest.call("clocks/monotonic-clock", "subscribe-duration", u64(nanos));
  }

  static Val indices(long... i) {
    List<Val> out = new ArrayList<>();
    for (long n : i) {
      out.add(new Val.U32(n));
    }
    return new Val.ListValue(out);
  }

  @Test
  void returnsTheIndicesOfEveryReadyPollable() {
    Val never = timer(-1L); // u64 max: never ready
    Val now = timer(0);
    Val alsoNow = IoResources.pushPollable(guest.wasi(), HostPollable.alwaysReady());
    assertEquals(indices(1, 2), poll(never, now, alsoNow));
  }

  @Test
  void sleepsUntilTheNearestTimer() {
    long start = System.nanoTime();
    Val later = timer(TimeUnit.MILLISECONDS.toNanos(60));
    assertEquals(indices(1), poll(timer(-1L), later));
    assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(60));
    assertEquals(new Val.Bool(true), guest.method(POLL, "pollable", "ready", later));
  }

  @Test
  void wakesWhenAProducerOnAnotherThreadMakesAStreamReady() throws Exception {
    Pipe body = new Pipe(guest.wasi().waker());
    Val in = IoResources.pushInputStream(guest.wasi(), body);
    Val readable = guest.method("io/streams", "input-stream", "subscribe", in);
    CompletableFuture<Val> polled = CompletableFuture.supplyAsync(() -> poll(timer(-1L), readable));
    Thread.sleep(50);
    assertFalse(polled.isDone());
    body.feed(new byte[] {1});
    assertEquals(indices(1), polled.get(30, TimeUnit.SECONDS));
  }

  @Test
  void blockWaitsForOnePollable() {
    Val soon = timer(TimeUnit.MILLISECONDS.toNanos(20));
    guest.method(POLL, "pollable", "block", soon);
    assertEquals(new Val.Bool(true), guest.method(POLL, "pollable", "ready", soon));
  }

  @Test
  void anEmptyListTraps() {
    Trap t = assertThrows(Trap.class, () -> poll());
    assertTrue(t.reason().contains("empty"), t.reason());
  }

  @Test
  void aListLongerThanTheCapTraps() {
    Val p = timer(0);
    Val[] many = Collections.nCopies(IoResources.MAX_POLL + 1, p).toArray(new Val[0]);
    Trap t = assertThrows(Trap.class, () -> poll(many));
    assertTrue(t.reason().contains(String.valueOf(IoResources.MAX_POLL)), t.reason());
  }

  @Test
  void anInterruptedGuestThreadTraps() throws Exception {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
    Thread t =
        new Thread(
            () -> {
              try {
                poll(timer(-1L));
              } catch (Throwable e) {
                thrown.set(e);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
              }
            });
    t.start();
    Thread.sleep(50);
    t.interrupt(); // what a request deadline does
    t.join(30_000);
    assertTrue(thrown.get() instanceof Trap, String.valueOf(thrown.get()));
    assertEquals("interrupted", ((Trap) thrown.get()).reason());
    assertTrue(stillInterrupted.get(), "the engine must still see the interrupt");
  }

  /**
   * A pollable that is never ready and counts how often {@code poll} asks it: once per wake-up of a
   * poll that sleeps, thousands of times over a wait for one that spins.
   */
  static Val counting(WasiHarness guest, AtomicInteger checks) {
    return IoResources.pushPollable(
        guest.wasi(),
        () -> {
          checks.incrementAndGet();
          return false;
        });
  }

  @Test
  void waitingCostsNoCpu() {
    AtomicInteger checks = new AtomicInteger();
    Val counter = counting(guest, checks);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpu = threads.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    poll(timer(TimeUnit.MILLISECONDS.toNanos(300)), counter);
    long waited = System.nanoTime() - t0;
    long spent = threads.getCurrentThreadCpuTime() - cpu;
    // Counts, not durations: before the sleep and when the timer is due (no producer wakes it).
    assertTrue(checks.get() <= 10, "poll spun: it checked its pollables " + checks + " times");
    // And the thread's CPU time is a small part of the wait, however busy the machine.
    assertTrue(spent < waited / 2, "poll spun: " + spent + " ns of CPU in " + waited + " ns");
  }
}
