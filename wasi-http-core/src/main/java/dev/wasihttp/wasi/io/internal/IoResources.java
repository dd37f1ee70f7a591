package dev.wasihttp.wasi.io.internal;

import dev.wasihttp.component.types.ResourceType;
import dev.wasihttp.component.values.Val;
import dev.wasihttp.wasi.WasiContext;
import dev.wasihttp.wasi.io.HostInputStream;
import dev.wasihttp.wasi.io.HostOutputStream;
import dev.wasihttp.wasi.io.HostPollable;
import dev.wasihttp.wasi.io.IoError;
import dev.wasihttp.wasi.io.Waker;

/**
 * {@code wasi:io} (error, poll, streams): the resource types, the limits, and what other host
 * interfaces use to hand the guest streams, pollables and errors of their own (a wasi:http body is
 * a {@link HostInputStream} pushed with {@link #pushInputStream}, for example).
 *
 * <p>The host functions follow the WIT and Wasmtime: {@code read} never blocks (an empty list when
 * nothing is buffered); {@code blocking-read} waits until the stream is ready; {@code write} beyond
 * the last {@code check-write} grant traps; {@code blocking-write-and-flush} and {@code
 * blocking-write-zeroes-and-flush} trap above {@link #MAX_BLOCKING_WRITE} bytes; after {@code
 * last-operation-failed} a stream answers {@code closed}; {@code poll} traps on an empty list or
 * one longer than {@link #MAX_POLL}, and sleeps on the instance's {@link Waker} until at least one
 * pollable is ready; an interrupted guest thread traps with {@code "interrupted"}. A stream's
 * pollable is its child: dropping the stream first traps.
 */
public final class IoResources {
  /** 4096: the most bytes one blocking write-and-flush may carry (the WIT's and Wasmtime's). */
  public static final int MAX_BLOCKING_WRITE = 4096;

  /** 64 KiB: the most bytes one {@code read}, {@code skip} or {@code splice} moves. */
  public static final int MAX_READ = 64 * 1024;

  /** 4096: the most pollables one {@code poll} call may list. */
  public static final int MAX_POLL = 4096;

  /** {@code wasi:io/error.error}; its state is an {@link IoError}. */
  public static final ResourceType ERROR = ResourceType.host("error");

  /** {@code wasi:io/poll.pollable}. */
  public static final ResourceType POLLABLE = ResourceType.host("pollable");

  /** {@code wasi:io/streams.input-stream}. */
  public static final ResourceType INPUT_STREAM = ResourceType.host("input-stream");

  /** {@code wasi:io/streams.output-stream}. */
  public static final ResourceType OUTPUT_STREAM = ResourceType.host("output-stream");

  private IoResources() {}

  /** Hands {@code stream} to the guest as a new {@code input-stream}. */
  public static Val.Own pushInputStream(WasiContext ctx, HostInputStream stream) {
    return new Val.Own(INPUT_STREAM, ctx.table().push(new InputStreamState(stream)));
  }

  /**
   * Hands {@code stream} to the guest as a new {@code input-stream} that is a child of the live
   * table entry {@code parentRep} (a body whose stream must be dropped before it).
   */
  public static Val.Own pushInputStream(WasiContext ctx, HostInputStream stream, int parentRep) {
    return new Val.Own(
        INPUT_STREAM, ctx.table().pushChild(new InputStreamState(stream), parentRep));
  }

  /** Hands {@code stream} to the guest as a new {@code output-stream}. */
  public static Val.Own pushOutputStream(WasiContext ctx, HostOutputStream stream) {
    return new Val.Own(OUTPUT_STREAM, ctx.table().push(new OutputStreamState(stream)));
  }

  /**
   * Hands {@code stream} to the guest as a new {@code output-stream}, a child of {@code parentRep}.
   */
  public static Val.Own pushOutputStream(WasiContext ctx, HostOutputStream stream, int parentRep) {
    return new Val.Own(
        OUTPUT_STREAM, ctx.table().pushChild(new OutputStreamState(stream), parentRep));
  }

  /** Hands {@code pollable} to the guest as a new {@code pollable}. */
  public static Val.Own pushPollable(WasiContext ctx, HostPollable pollable) {
    return new Val.Own(POLLABLE, ctx.table().push(new PollableState(pollable)));
  }

  /** Hands {@code pollable} to the guest as a child of {@code parentRep} (what it watches). */
  public static Val.Own pushPollable(WasiContext ctx, HostPollable pollable, int parentRep) {
    return new Val.Own(POLLABLE, ctx.table().pushChild(new PollableState(pollable), parentRep));
  }

  /** Hands {@code error} to the guest as a new {@code error}. */
  public static Val.Own pushError(WasiContext ctx, IoError error) {
    return new Val.Own(ERROR, ctx.table().push(error));
  }

  /** The state behind a borrowed {@code error} handle (for {@code http-error-code} and kin). */
  public static IoError error(WasiContext ctx, Val handle) {
    return ctx.table().get(handle, IoError.class);
  }

  /** The host stream behind an {@code input-stream} handle. */
  public static HostInputStream inputStream(WasiContext ctx, Val handle) {
    return ctx.table().get(handle, InputStreamState.class).stream();
  }

  /** The host stream behind an {@code output-stream} handle. */
  public static HostOutputStream outputStream(WasiContext ctx, Val handle) {
    return ctx.table().get(handle, OutputStreamState.class).stream();
  }

  /**
   * Blocks the calling guest thread until {@code pollable} is ready, as {@code pollable.block} does
   * (for host functions with blocking semantics of their own).
   *
   * @throws dev.wasihttp.component.errors.Trap {@code "interrupted"} when the thread is interrupted
   */
  public static void block(WasiContext ctx, HostPollable pollable) {
    Poller.block(ctx.waker(), pollable);
  }
}
