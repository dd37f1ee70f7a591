package dev.wasihttp.wasi.internal;

import dev.wasihttp.component.errors.Trap;
import dev.wasihttp.component.host.Caller;
import dev.wasihttp.component.host.HostFunction;
import dev.wasihttp.component.values.Val;
import dev.wasihttp.wasi.WasiContext;
import dev.wasihttp.wasi.WasiView;
import java.util.List;

/**
 * Helpers shared by the WASI host functions: finding the caller's {@link WasiContext} and a
 * method's {@code self}, converting {@code list<u8>} and {@code u64} lengths, and building results,
 * variants and enums.
 */
public final class Host {
  /** The WIT version every WASI interface is registered at; 0.2.x imports link to it. */
  public static final String VERSION = "0.2.12";

  private Host() {}

  /** {@code wasi:PKG/IFACE@VERSION}. */
  public static String iface(String packageAndInterface) {
    return "wasi:" + packageAndInterface + "@" + VERSION;
  }

  /** The caller's WASI state: its data is a {@link WasiView}, as the linker's type says. */
  public static WasiContext ctx(Caller<? extends WasiView> caller) {
    return caller.data().wasi();
  }

  /** The state behind a method's {@code self} (its first argument). */
  public static <S> S self(Caller<? extends WasiView> caller, List<Val> args, Class<S> type) {
    return ctx(caller).table().get(args.get(0), type);
  }

  /** A method of a resource whose {@code self} state is an {@code S}. */
  @FunctionalInterface
  public interface Method<S> {
    Val call(WasiContext ctx, S self, List<Val> args);
  }

  /** Registers {@code [method]RESOURCE.NAME} on {@code linker}, looking {@code self} up first. */
  public static <T extends WasiView, S> void method(
      Definer<T> linker, String iface, String resource, String name, Class<S> type, Method<S> m) {
    HostFunction<T> f =
        (caller, args) -> {
          WasiContext ctx = ctx(caller);
          return m.call(ctx, ctx.table().get(args.get(0), type), args);
        };
    linker.func(iface, "[method]" + resource + "." + name, f);
  }

  /** The bytes of a {@code list<u8>}. */
  public static byte[] bytes(Val list) {
    byte[] out = list instanceof Val.ListValue l ? l.toBytes() : null;
    if (out == null) {
      throw new Trap("expected a list<u8>, got a " + list.kind());
    }
    return out;
  }

  /** {@code bytes} as a {@code list<u8>}. */
  public static Val.ListValue list(byte[] bytes) {
    return Val.ListValue.ofBytes(bytes);
  }

  /** A {@code u64}'s 64 bits. */
  public static long u64(Val v) {
    return ((Val.U64) v).value();
  }

  /** A {@code u64} length, read unsigned, clamped to {@code max}. */
  public static int clamp(Val u64, int max) {
    long n = u64(u64);
    return Long.compareUnsigned(n, max) > 0 ? max : (int) n;
  }

  /**
   * A {@code u64} length that must not exceed {@code max}.
   *
   * @throws Trap naming {@code what} when it does
   */
  public static int capped(Val u64, int max, String what) {
    long n = u64(u64);
    if (Long.compareUnsigned(n, max) > 0) {
      throw new Trap(
          what + ": " + Long.toUnsignedString(n) + " exceeds the host's limit of " + max);
    }
    return (int) n;
  }

  public static Val.Result ok(Val value) {
    return Val.Result.ok(value);
  }

  public static Val.Result err(Val value) {
    return Val.Result.err(value);
  }

  /** {@code err(CODE)} for an enum error code. */
  public static Val.Result errCode(String code) {
    return Val.Result.err(new Val.EnumValue(code));
  }

  /** A variant case without payload. */
  public static Val.Variant variant(String caseName) {
    return new Val.Variant(caseName, null);
  }

  public static Val.U64 u64(long value) {
    return new Val.U64(value);
  }
}
