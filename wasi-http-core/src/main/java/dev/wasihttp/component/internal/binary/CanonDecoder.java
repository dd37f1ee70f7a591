package dev.wasihttp.component.internal.binary;

import static dev.wasihttp.component.internal.binary.BinaryReader.hex;
import static dev.wasihttp.component.internal.binary.BinaryReader.malformed;

import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.component.internal.abi.StringEncoding;
import java.util.ArrayList;
import java.util.List;

/**
 * Canonical definitions (Binary.md, "Canonical Definitions"): lift, lower and the three resource
 * built-ins of WASI 0.2. Every later built-in (async tasks, streams, futures, error contexts,
 * waitables, threads) and the async options are refused with their name and offset.
 */
final class CanonDecoder {
  private CanonDecoder() {}

  /** {@code canon}. */
  static Canon canon(BinaryReader r) throws ComponentException {
    int at = r.position();
    int op = r.u8("canonical definition");
    switch (op) {
      case 0x00:
        {
          // Binary.md notes: the second byte is the func sort, so "0x00 f" is a core:sortidx.
          r.expectByte(0x00, "core func sort after canon lift");
          int func = r.index("core function index");
          List<CanonOpt> opts = options(r);
          return new Canon.Lift(func, opts, r.index("type index"));
        }
      case 0x01:
        {
          r.expectByte(0x00, "func sort after canon lower");
          int func = r.index("function index");
          return new Canon.Lower(func, options(r));
        }
      case 0x02:
        return new Canon.ResourceNew(r.index("resource type index"));
      case 0x03:
        return new Canon.ResourceDrop(r.index("resource type index"));
      case 0x04:
        return new Canon.ResourceRep(r.index("resource type index"));
      default:
        String name = laterBuiltin(op);
        if (name != null) {
          throw malformed(
              at,
              (name.startsWith("thread.") ? "threads" : "async (0.3)")
                  + " canon "
                  + name
                  + " ("
                  + hex(op)
                  + ") is not supported in WASI 0.2");
        }
        throw malformed(at, "expected canonical definition (0x00 to 0x04), found " + hex(op));
    }
  }

  /** Names of the built-ins Binary.md defines beyond 0.2, by opcode (plus two retired ones). */
  private static String laterBuiltin(int op) {
    switch (op) {
      case 0x05:
        return "task.cancel";
      case 0x06:
        return "subtask.cancel";
      case 0x07:
        return "resource.drop async"; // retired opcode, still emitted by older toolchains
      case 0x08:
        return "backpressure.set"; // retired opcode
      case 0x09:
        return "task.return";
      case 0x0a:
        return "context.get";
      case 0x0b:
        return "context.set";
      case 0x0c:
        return "thread.yield";
      case 0x0d:
        return "subtask.drop";
      case 0x0e:
        return "stream.new";
      case 0x0f:
        return "stream.read";
      case 0x10:
        return "stream.write";
      case 0x11:
        return "stream.cancel-read";
      case 0x12:
        return "stream.cancel-write";
      case 0x13:
        return "stream.drop-readable";
      case 0x14:
        return "stream.drop-writable";
      case 0x15:
        return "future.new";
      case 0x16:
        return "future.read";
      case 0x17:
        return "future.write";
      case 0x18:
        return "future.cancel-read";
      case 0x19:
        return "future.cancel-write";
      case 0x1a:
        return "future.drop-readable";
      case 0x1b:
        return "future.drop-writable";
      case 0x1c:
        return "error-context.new";
      case 0x1d:
        return "error-context.debug-message";
      case 0x1e:
        return "error-context.drop";
      case 0x1f:
        return "waitable-set.new";
      case 0x20:
        return "waitable-set.wait";
      case 0x21:
        return "waitable-set.poll";
      case 0x22:
        return "waitable-set.drop";
      case 0x23:
        return "waitable.join";
      case 0x24:
        return "backpressure.inc";
      case 0x25:
        return "backpressure.dec";
      case 0x26:
        return "thread.index";
      case 0x27:
        return "thread.new-indirect";
      case 0x28:
        return "thread.resume-later";
      case 0x29:
        return "thread.suspend";
      case 0x2a:
        return "thread.suspend-then-resume";
      case 0x2b:
        return "thread.yield-then-resume";
      case 0x2c:
        return "thread.suspend-then-promote";
      case 0x2d:
        return "thread.yield-then-promote";
      case 0x40:
        return "thread.spawn-ref";
      case 0x41:
        return "thread.spawn-indirect";
      case 0x42:
        return "thread.available-parallelism";
      default:
        return null;
    }
  }

  /** {@code opts ::= vec(canonopt)}. */
  private static List<CanonOpt> options(BinaryReader r) throws ComponentException {
    int n = r.count("canonical options");
    List<CanonOpt> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int at = r.position();
      int op = r.u8("canonical option");
      switch (op) {
        case 0x00:
          out.add(new CanonOpt.StringEncodingOpt(StringEncoding.UTF8));
          break;
        case 0x01:
          out.add(new CanonOpt.StringEncodingOpt(StringEncoding.UTF16));
          break;
        case 0x02:
          out.add(new CanonOpt.StringEncodingOpt(StringEncoding.LATIN1_UTF16));
          break;
        case 0x03:
          out.add(new CanonOpt.MemoryOpt(r.index("core memory index")));
          break;
        case 0x04:
          out.add(new CanonOpt.ReallocOpt(r.index("core function index")));
          break;
        case 0x05:
          out.add(new CanonOpt.PostReturnOpt(r.index("core function index")));
          break;
        case 0x06:
          throw malformed(at, "async (0.3) canon option async (0x06) is not supported in WASI 0.2");
        case 0x07:
          throw malformed(
              at, "async (0.3) canon option callback (0x07) is not supported in WASI 0.2");
        default:
          throw malformed(
              at,
              "expected canonical option (0x00 to 0x05), found "
                  + hex(op)
                  + " (0x06 and up are async (0.3) options, not supported in WASI 0.2)");
      }
    }
    return out;
  }
}
