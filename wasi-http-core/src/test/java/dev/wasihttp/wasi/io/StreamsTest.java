package dev.wasihttp.wasi.io;

import static dev.wasihttp.wasi.WasiHarness.bytes;
import static dev.wasihttp.wasi.WasiHarness.err;
import static dev.wasihttp.wasi.WasiHarness.ok;
import static dev.wasihttp.wasi.WasiHarness.text;
import static dev.wasihttp.wasi.WasiHarness.u64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.component.errors.Trap;
import dev.wasihttp.component.values.Val;
import dev.wasihttp.wasi.WasiHarness;
import dev.wasihttp.wasi.io.internal.IoResources;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The {@code wasi:io/streams} contract as a guest sees it, over host streams that are fed from
 * another thread: non-blocking {@code read}, {@code blocking-read}, the {@code check-write} grant,
 * the 4096-byte blocking write, {@code closed} versus {@code last-operation-failed}.
 */
@Timeout(60) // hang guards only: every wait below ends as soon as its outcome is there
class StreamsTest {
  static final String STREAMS = "io/streams";

  final WasiHarness guest = new WasiHarness();
  final Pipe pipe = new Pipe(guest.wasi().waker());
  final Val in = IoResources.pushInputStream(guest.wasi(), pipe);

  Val read(String method, long len) {
    return guest.method(STREAMS, "input-stream", method, in, u64(len));
  }

  Val out(String method, Val self, Val... args) {
    return guest.method(STREAMS, "output-stream", method, self, args);
  }

  @Test
  void readNeverBlocksAndReturnsAnEmptyListWhenNothingIsBuffered() {
    assertEquals("", text(ok(read("read", 100))));
    pipe.feed("hello".getBytes(StandardCharsets.UTF_8));
    assertEquals("hel", text(ok(read("read", 3))));
    assertEquals("lo", text(ok(read("read", 100))));
    pipe.end();
    assertEquals(new Val.Variant("closed", null), err(read("read", 100)));
  }

  @Test
  void blockingReadWaitsForBytesFromAnotherThread() throws Exception {
    CompletableFuture<Val> r = CompletableFuture.supplyAsync(() -> read("blocking-read", 10));
    Thread.sleep(50);
    assertTrue(!r.isDone(), "blocking-read returned before any byte arrived");
    pipe.feed("late".getBytes(StandardCharsets.UTF_8));
    assertEquals("late", text(ok(r.get(30, TimeUnit.SECONDS))));
  }

  @Test
  void aFailureIsReportedOnceWithItsErrorThenTheStreamIsClosed() {
    pipe.fail("connection reset");
    Val.Variant e = (Val.Variant) err(read("read", 10));
    assertEquals("last-operation-failed", e.caseName());
    Val error = e.payload();
    assertEquals(
        new Val.Str("connection reset"),
        guest.method("io/error", "error", "to-debug-string", error));
    assertEquals("detail:connection reset", IoResources.error(guest.wasi(), error).detail());
    assertEquals(new Val.Variant("closed", null), err(read("read", 10)));
    guest.drop("io/error", "error", error);
  }

  @Test
  void skipDiscardsWhatIsBuffered() {
    pipe.feed(new byte[10]);
    assertEquals(u64(4), ok(read("skip", 4)));
    assertEquals(u64(6), ok(read("blocking-skip", 100)));
  }

  @Test
  void writeWithinTheGrantSucceedsAndBeyondItTraps() {
    Pipe.Output sink = new Pipe.Output(guest.wasi().waker(), 8);
    Val o = IoResources.pushOutputStream(guest.wasi(), sink);
    Trap noGrant = assertThrows(Trap.class, () -> out("write", o, bytes("x")));
    assertTrue(noGrant.reason().startsWith("write exceeded budget"), noGrant.reason());

    assertEquals(u64(8), ok(out("check-write", o)));
    ok(out("write", o, bytes("abc")));
    ok(out("write", o, bytes("defgh")));
    assertThrows(Trap.class, () -> out("write", o, bytes("i")));
    assertEquals(u64(0), ok(out("check-write", o)));
    assertEquals("abcdefgh", sink.written.toString(StandardCharsets.UTF_8));
  }

  @Test
  void blockingWriteAndFlushTrapsAbove4096Bytes() {
    Val o =
        IoResources.pushOutputStream(guest.wasi(), new Pipe.Output(guest.wasi().waker(), 1 << 20));
    ok(out("blocking-write-and-flush", o, bytes(new byte[IoResources.MAX_BLOCKING_WRITE])));
    Trap t =
        assertThrows(
            Trap.class,
            () ->
                out(
                    "blocking-write-and-flush",
                    o,
                    bytes(new byte[IoResources.MAX_BLOCKING_WRITE + 1])));
    assertTrue(t.reason().contains("4096"), t.reason());
    ok(out("blocking-write-zeroes-and-flush", o, u64(IoResources.MAX_BLOCKING_WRITE)));
    assertThrows(
        Trap.class,
        () -> out("blocking-write-zeroes-and-flush", o, u64(IoResources.MAX_BLOCKING_WRITE + 1)));
  }

  @Test
  void blockingWriteAndFlushWaitsForTheConsumerBetweenPieces() throws Exception {
    Pipe.Output sink = new Pipe.Output(guest.wasi().waker(), 10);
    Val o = IoResources.pushOutputStream(guest.wasi(), sink);
    CompletableFuture<Val> w =
        CompletableFuture.supplyAsync(
            () -> out("blocking-write-and-flush", o, bytes(new byte[25])));
    while (!w.isDone()) {
      Thread.sleep(5);
      sink.drain(); // the network took the buffered bytes
    }
    ok(w.get());
    assertEquals(25, sink.written.size());
    assertTrue(sink.flushes >= 1);
  }

  @Test
  void aFailedWriteClosesTheStream() {
    Pipe.Output sink = new Pipe.Output(guest.wasi().waker(), 8);
    Val o = IoResources.pushOutputStream(guest.wasi(), sink);
    sink.fail("client went away");
    Val.Variant e = (Val.Variant) err(out("check-write", o));
    assertEquals("last-operation-failed", e.caseName());
    assertEquals(
        new Val.Variant("closed", null), err(out("blocking-write-and-flush", o, bytes("x"))));
    assertEquals(new Val.Variant("closed", null), err(out("flush", o)));
  }

  @Test
  void writeZeroesAndSplice() {
    Pipe.Output sink = new Pipe.Output(guest.wasi().waker(), 100);
    Val o = IoResources.pushOutputStream(guest.wasi(), sink);
    ok(out("check-write", o));
    ok(out("write-zeroes", o, u64(3)));
    ok(out("blocking-write-zeroes-and-flush", o, u64(2)));
    pipe.feed("spliced".getBytes(StandardCharsets.UTF_8));
    assertEquals(u64(4), ok(out("splice", o, WasiHarness.borrow(in), u64(4))));
    assertEquals(u64(3), ok(out("blocking-splice", o, WasiHarness.borrow(in), u64(100))));
    pipe.end();
    assertEquals(
        new Val.Variant("closed", null), err(out("splice", o, WasiHarness.borrow(in), u64(1))));
    assertEquals("\0\0\0\0\0spliced", sink.written.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aStreamsPollableIsItsChildAndMustBeDroppedFirst() {
    Val pollable = guest.method(STREAMS, "input-stream", "subscribe", in);
    assertEquals(new Val.Bool(false), guest.method("io/poll", "pollable", "ready", pollable));
    Trap t = assertThrows(Trap.class, () -> guest.drop(STREAMS, "input-stream", in));
    assertTrue(t.reason().startsWith("resource has children"), t.reason());
    guest.drop("io/poll", "pollable", pollable);
    guest.drop(STREAMS, "input-stream", in);
    assertTrue(pipe.closed, "dropping the stream closes the host stream");
    assertEquals(0, guest.wasi().table().size());
  }

  @Test
  void stdinIsClosedAndStdoutIsAlwaysWritable() {
    Val stdin = guest.call("cli/stdin", "get-stdin");
    assertEquals(
        new Val.Variant("closed", null),
        err(guest.method(STREAMS, "input-stream", "blocking-read", stdin, u64(1))));
    Val stdout = guest.call("cli/stdout", "get-stdout");
    ok(out("blocking-write-and-flush", stdout, bytes("x")));
  }

  @Test
  void theReadyMadeStreams() {
    Val bytes = IoResources.pushInputStream(guest.wasi(), HostInputStream.of(new byte[] {1, 2, 3}));
    assertEquals(
        WasiHarness.bytes(new byte[] {1, 2}),
        ok(guest.method(STREAMS, "input-stream", "read", bytes, u64(2))));
    assertEquals(
        WasiHarness.bytes(new byte[] {3}),
        ok(guest.method(STREAMS, "input-stream", "blocking-read", bytes, u64(9))));
    assertEquals(
        new Val.Variant("closed", null),
        err(guest.method(STREAMS, "input-stream", "read", bytes, u64(9))));
    Val empty = IoResources.pushInputStream(guest.wasi(), HostInputStream.closed());
    assertEquals(
        new Val.Variant("closed", null),
        err(guest.method(STREAMS, "input-stream", "blocking-read", empty, u64(1))));
  }

  @Test
  void noWakeUpIsLostWhileAProducerRacesTheGuest() throws Exception {
    int chunks = 20_000;
    Thread producer =
        new Thread(
            () -> {
              for (int i = 0; i < chunks; i++) {
                pipe.feed(new byte[] {(byte) i});
              }
              pipe.end();
            });
    producer.start();
    long total = 0;
    while (true) {
      Val.Result r = (Val.Result) read("blocking-read", 7);
      if (!r.isOk()) {
        assertEquals(new Val.Variant("closed", null), r.value());
        break;
      }
      total += ((Val.ListValue) r.value()).elements().size();
    }
    producer.join();
    assertEquals(chunks, total);
  }
}
