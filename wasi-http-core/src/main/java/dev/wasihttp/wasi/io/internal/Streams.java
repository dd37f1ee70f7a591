package dev.wasihttp.wasi.io.internal;

import dev.wasihttp.component.errors.Trap;
import dev.wasihttp.component.values.Val;
import dev.wasihttp.wasi.WasiContext;
import dev.wasihttp.wasi.internal.Host;
import dev.wasihttp.wasi.io.IoError;
import dev.wasihttp.wasi.io.StreamError;
import java.util.Arrays;

/**
 * The {@code wasi:io/streams} contract over {@link dev.wasihttp.wasi.io.HostInputStream} and {@link
 * dev.wasihttp.wasi.io.HostOutputStream}, one method per WIT function, each returning the WIT
 * result as a {@link Val}. Follows the WIT's text and Wasmtime's behaviour: a {@code write} beyond
 * the {@code check-write} grant traps, blocking writes above {@link IoResources#MAX_BLOCKING_WRITE}
 * bytes trap, a failure closes the stream.
 */
final class Streams {
  private Streams() {}

  // ---- input-stream ----

  /** {@code read}: what is buffered now, up to {@code len} (and {@link IoResources#MAX_READ}). */
  public static Val read(WasiContext ctx, InputStreamState in, Val len) {
    if (in.closed) {
      return closed();
    }
    try {
      return Host.ok(Host.list(in.stream.read(Host.clamp(len, IoResources.MAX_READ))));
    } catch (StreamError e) {
      in.closed = true;
      return Host.err(error(ctx, e));
    }
  }

  /** {@code blocking-read}: waits until the stream is ready, then reads. */
  public static Val blockingRead(WasiContext ctx, InputStreamState in, Val len) {
    Poller.block(ctx.waker(), in::ready);
    return read(ctx, in, len);
  }

  /** {@code skip}: skips what is buffered now, up to {@code len}. */
  public static Val skip(WasiContext ctx, InputStreamState in, Val len) {
    if (in.closed) {
      return closed();
    }
    try {
      return Host.ok(Host.u64(in.stream.skip(Host.clamp(len, IoResources.MAX_READ))));
    } catch (StreamError e) {
      in.closed = true;
      return Host.err(error(ctx, e));
    }
  }

  /** {@code blocking-skip}. */
  public static Val blockingSkip(WasiContext ctx, InputStreamState in, Val len) {
    Poller.block(ctx.waker(), in::ready);
    return skip(ctx, in, len);
  }

  // ---- output-stream ----

  /** {@code check-write}: the grant for the next writes. */
  public static Val checkWrite(WasiContext ctx, OutputStreamState out) {
    if (out.closed) {
      return closed();
    }
    try {
      long n = out.stream.checkWrite();
      out.permit = n;
      return Host.ok(Host.u64(n));
    } catch (StreamError e) {
      return fail(ctx, out, e);
    }
  }

  /**
   * {@code write}.
   *
   * @throws Trap when {@code bytes} exceed what {@code check-write} granted
   */
  public static Val write(WasiContext ctx, OutputStreamState out, byte[] bytes) {
    if (out.closed) {
      return closed();
    }
    if (bytes.length > out.permit) {
      throw new Trap(
          "write exceeded budget: "
              + bytes.length
              + " bytes written, check-write granted "
              + out.permit);
    }
    try {
      out.stream.write(bytes);
      out.permit -= bytes.length;
      return Host.ok(null);
    } catch (StreamError e) {
      return fail(ctx, out, e);
    }
  }

  /** {@code flush}: starts a flush; {@code check-write} grants nothing until it is done. */
  public static Val flush(WasiContext ctx, OutputStreamState out) {
    if (out.closed) {
      return closed();
    }
    try {
      out.stream.flush();
      out.permit = 0;
      return Host.ok(null);
    } catch (StreamError e) {
      return fail(ctx, out, e);
    }
  }

  /** {@code blocking-flush}: flushes and waits until done, reporting a failure of the flush. */
  public static Val blockingFlush(WasiContext ctx, OutputStreamState out) {
    Val r = flush(ctx, out);
    if (!((Val.Result) r).isOk()) {
      return r;
    }
    Poller.block(ctx.waker(), out::ready);
    Val check = checkWrite(ctx, out);
    return ((Val.Result) check).isOk() ? Host.ok(null) : check;
  }

  /**
   * {@code blocking-write-and-flush}: waits for grants, writes in pieces, flushes, waits.
   *
   * @throws Trap when {@code bytes} is longer than {@link IoResources#MAX_BLOCKING_WRITE}
   */
  public static Val blockingWriteAndFlush(WasiContext ctx, OutputStreamState out, byte[] bytes) {
    if (bytes.length > IoResources.MAX_BLOCKING_WRITE) {
      throw new Trap(
          "Buffer too large for blocking-write-and-flush (expected at most "
              + IoResources.MAX_BLOCKING_WRITE
              + ")");
    }
    int done = 0;
    while (done < bytes.length) {
      Poller.block(ctx.waker(), out::ready);
      Val check = checkWrite(ctx, out);
      if (!((Val.Result) check).isOk()) {
        return check;
      }
      int n = (int) Math.min(out.permit, bytes.length - done);
      if (n == 0) {
        continue;
      }
      byte[] chunk = Arrays.copyOfRange(bytes, done, done + n);
      Val w = write(ctx, out, chunk);
      if (!((Val.Result) w).isOk()) {
        return w;
      }
      done += n;
    }
    return blockingFlush(ctx, out);
  }

  /** {@code write-zeroes}: a write of {@code len} zero bytes, within the grant. */
  public static Val writeZeroes(WasiContext ctx, OutputStreamState out, Val len) {
    long n = Host.u64(len);
    if (Long.compareUnsigned(n, out.permit) > 0 && !out.closed) {
      throw new Trap(
          "write exceeded budget: "
              + Long.toUnsignedString(n)
              + " zeroes written, check-write granted "
              + out.permit);
    }
    return write(ctx, out, new byte[out.closed ? 0 : (int) n]);
  }

  /** {@code blocking-write-zeroes-and-flush}: at most {@link IoResources#MAX_BLOCKING_WRITE}. */
  public static Val blockingWriteZeroesAndFlush(WasiContext ctx, OutputStreamState out, Val len) {
    if (Long.compareUnsigned(Host.u64(len), IoResources.MAX_BLOCKING_WRITE) > 0) {
      throw new Trap(
          "Buffer too large for blocking-write-zeroes-and-flush (expected at most "
              + IoResources.MAX_BLOCKING_WRITE
              + ")");
    }
    return blockingWriteAndFlush(ctx, out, new byte[(int) Host.u64(len)]);
  }

  /**
   * {@code splice}: moves what {@code src} has buffered now, up to {@code len} and the grant of
   * {@code out}; returns how many bytes moved. {@code closed} from {@code src} ends it.
   */
  public static Val splice(WasiContext ctx, OutputStreamState out, InputStreamState src, Val len) {
    Val check = checkWrite(ctx, out);
    if (!((Val.Result) check).isOk()) {
      return check;
    }
    long max = Math.min(out.permit, IoResources.MAX_READ);
    if (Long.compareUnsigned(Host.u64(len), max) < 0) {
      max = Host.u64(len);
    }
    if (max == 0) {
      return Host.ok(Host.u64(0));
    }
    Val r = read(ctx, src, Host.u64(max));
    if (!((Val.Result) r).isOk()) {
      return r;
    }
    byte[] bytes = Host.bytes(((Val.Result) r).value());
    Val w = write(ctx, out, bytes);
    return ((Val.Result) w).isOk() ? Host.ok(Host.u64(bytes.length)) : w;
  }

  /**
   * {@code blocking-splice}: waits until {@code out} is writable and {@code src} readable, moves
   * what it can, then flushes and waits for the flush (as Wasmtime's blocking write does).
   */
  public static Val blockingSplice(
      WasiContext ctx, OutputStreamState out, InputStreamState src, Val len) {
    Poller.block(ctx.waker(), out::ready);
    Poller.block(ctx.waker(), src::ready);
    Val moved = splice(ctx, out, src, len);
    if (!((Val.Result) moved).isOk() || Host.u64(((Val.Result) moved).value()) == 0) {
      return moved;
    }
    Val flushed = blockingFlush(ctx, out);
    return ((Val.Result) flushed).isOk() ? moved : flushed;
  }

  // ---- errors ----

  private static Val fail(WasiContext ctx, OutputStreamState out, StreamError e) {
    out.closed = true;
    out.permit = 0;
    return Host.err(error(ctx, e));
  }

  private static Val closed() {
    return Host.err(Host.variant("closed"));
  }

  /** The {@code stream-error} for {@code e}; a failure becomes a new {@code error} resource. */
  public static Val error(WasiContext ctx, StreamError e) {
    if (e.isClosed()) {
      return Host.variant("closed");
    }
    Val.Own error = IoResources.pushError(ctx, new IoError(e.getMessage(), e.detail()));
    return new Val.Variant("last-operation-failed", error);
  }
}
