package dev.wasihttp.wasi.io.internal;

import dev.wasihttp.component.errors.Trap;
import dev.wasihttp.component.host.Caller;
import dev.wasihttp.component.host.ResourceTable;
import dev.wasihttp.component.values.Val;
import dev.wasihttp.wasi.WasiContext;
import dev.wasihttp.wasi.WasiView;
import dev.wasihttp.wasi.internal.Definer;
import dev.wasihttp.wasi.internal.Host;
import dev.wasihttp.wasi.io.HostPollable;
import dev.wasihttp.wasi.io.IoError;
import java.util.ArrayList;
import java.util.List;

/** Registers {@code wasi:io/error}, {@code wasi:io/poll} and {@code wasi:io/streams}. */
public final class IoHost {
  private static final String ERROR = Host.iface("io/error");
  private static final String POLL = Host.iface("io/poll");
  private static final String STREAMS = Host.iface("io/streams");

  private IoHost() {}

  public static <T extends WasiView> void define(Definer<T> linker) {
    linker.resource(
        ERROR,
        "error",
        IoResources.ERROR,
        (c, rep) -> Host.ctx(c).table().delete(rep, IoError.class));
    Host.method(
        linker,
        ERROR,
        "error",
        "to-debug-string",
        IoError.class,
        (ctx, e, args) -> new Val.Str(e.debug()));

    linker.resource(
        POLL,
        "pollable",
        IoResources.POLLABLE,
        (c, rep) -> Host.ctx(c).table().delete(rep, PollableState.class));
    Host.method(
        linker,
        POLL,
        "pollable",
        "ready",
        PollableState.class,
        (ctx, p, args) -> new Val.Bool(p.pollable().ready()));
    Host.method(
        linker,
        POLL,
        "pollable",
        "block",
        PollableState.class,
        (ctx, p, args) -> {
          Poller.block(ctx.waker(), p.pollable());
          return null;
        });
    linker.func(
        POLL,
        "poll",
        (c, args) -> {
          WasiContext ctx = Host.ctx(c);
          List<Val> in = ((Val.ListValue) args.get(0)).elements();
          if (in.isEmpty()) {
            throw new Trap("poll: empty list of pollables");
          }
          if (in.size() > IoResources.MAX_POLL) {
            throw new Trap(
                "poll: "
                    + in.size()
                    + " pollables exceed the host's limit of "
                    + IoResources.MAX_POLL);
          }
          List<HostPollable> pollables = new ArrayList<>(in.size());
          for (Val v : in) {
            pollables.add(ctx.table().get(v, PollableState.class).pollable());
          }
          List<Val> out = new ArrayList<>();
          for (int i : Poller.poll(ctx.waker(), pollables)) {
            out.add(new Val.U32(i));
          }
          return new Val.ListValue(out);
        });

    defineInput(linker);
    defineOutput(linker);
  }

  private static <T extends WasiView> void defineInput(Definer<T> linker) {
    String r = "input-stream";
    Class<InputStreamState> s = InputStreamState.class;
    linker.resource(STREAMS, r, IoResources.INPUT_STREAM, (c, rep) -> drop(c, rep, s));
    Host.method(linker, STREAMS, r, "read", s, (ctx, in, a) -> Streams.read(ctx, in, a.get(1)));
    Host.method(
        linker,
        STREAMS,
        r,
        "blocking-read",
        s,
        (ctx, in, a) -> Streams.blockingRead(ctx, in, a.get(1)));
    Host.method(linker, STREAMS, r, "skip", s, (ctx, in, a) -> Streams.skip(ctx, in, a.get(1)));
    Host.method(
        linker,
        STREAMS,
        r,
        "blocking-skip",
        s,
        (ctx, in, a) -> Streams.blockingSkip(ctx, in, a.get(1)));
    Host.method(
        linker,
        STREAMS,
        r,
        "subscribe",
        s,
        (ctx, in, a) -> IoResources.pushPollable(ctx, in::ready, ResourceTable.rep(a.get(0))));
  }

  private static <T extends WasiView> void defineOutput(Definer<T> linker) {
    String r = "output-stream";
    Class<OutputStreamState> s = OutputStreamState.class;
    linker.resource(STREAMS, r, IoResources.OUTPUT_STREAM, (c, rep) -> drop(c, rep, s));
    Host.method(linker, STREAMS, r, "check-write", s, (ctx, o, a) -> Streams.checkWrite(ctx, o));
    Host.method(
        linker, STREAMS, r, "write", s, (ctx, o, a) -> Streams.write(ctx, o, Host.bytes(a.get(1))));
    Host.method(
        linker,
        STREAMS,
        r,
        "blocking-write-and-flush",
        s,
        (ctx, o, a) -> Streams.blockingWriteAndFlush(ctx, o, Host.bytes(a.get(1))));
    Host.method(linker, STREAMS, r, "flush", s, (ctx, o, a) -> Streams.flush(ctx, o));
    Host.method(
        linker, STREAMS, r, "blocking-flush", s, (ctx, o, a) -> Streams.blockingFlush(ctx, o));
    Host.method(
        linker,
        STREAMS,
        r,
        "subscribe",
        s,
        (ctx, o, a) -> IoResources.pushPollable(ctx, o::ready, ResourceTable.rep(a.get(0))));
    Host.method(
        linker,
        STREAMS,
        r,
        "write-zeroes",
        s,
        (ctx, o, a) -> Streams.writeZeroes(ctx, o, a.get(1)));
    Host.method(
        linker,
        STREAMS,
        r,
        "blocking-write-zeroes-and-flush",
        s,
        (ctx, o, a) -> Streams.blockingWriteZeroesAndFlush(ctx, o, a.get(1)));
    Host.method(
        linker,
        STREAMS,
        r,
        "splice",
        s,
        (ctx, o, a) ->
            Streams.splice(ctx, o, ctx.table().get(a.get(1), InputStreamState.class), a.get(2)));
    Host.method(
        linker,
        STREAMS,
        r,
        "blocking-splice",
        s,
        (ctx, o, a) ->
            Streams.blockingSplice(
                ctx, o, ctx.table().get(a.get(1), InputStreamState.class), a.get(2)));
  }

  private static void drop(
      Caller<? extends WasiView> caller, int rep, Class<? extends AutoCloseable> type) {
    AutoCloseable state = Host.ctx(caller).table().delete(rep, type);
    try {
      state.close();
    } catch (Exception e) {
      throw new Trap("closing " + type.getSimpleName() + " failed: " + e, e);
    }
  }
}
