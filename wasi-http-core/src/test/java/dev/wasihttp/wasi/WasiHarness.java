package dev.wasihttp.wasi;

import dev.wasihttp.component.host.Caller;
import dev.wasihttp.component.values.Val;
import dev.wasihttp.wasi.cli.internal.CliHost;
import dev.wasihttp.wasi.clocks.internal.ClocksHost;
import dev.wasihttp.wasi.filesystem.internal.FsHost;
import dev.wasihttp.wasi.internal.Host;
import dev.wasihttp.wasi.internal.HostFunctions;
import dev.wasihttp.wasi.io.internal.IoHost;
import dev.wasihttp.wasi.random.internal.RandomHost;
import dev.wasihttp.wasi.sockets.internal.SocketsHost;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Calls the WASI host functions by their WIT names as a guest would, without a guest: one
 * instance's data object (a {@link WasiView}) and every function registered by the families, with
 * helpers to build arguments. Handles are passed as {@link Val.Own} or turned into a borrow with
 * {@link #borrow}.
 */
public final class WasiHarness implements WasiView, Caller<WasiHarness> {
  private static final HostFunctions<WasiHarness> FUNCTIONS = new HostFunctions<>();

  static {
    IoHost.define(FUNCTIONS);
    ClocksHost.define(FUNCTIONS);
    RandomHost.define(FUNCTIONS);
    CliHost.define(FUNCTIONS);
    FsHost.define(FUNCTIONS);
    SocketsHost.define(FUNCTIONS);
  }

  private final WasiContext wasi;

  public WasiHarness(WasiConfig config) {
    this.wasi = new WasiContext(config);
  }

  public WasiHarness() {
    this(WasiConfig.defaults());
  }

  @Override
  public WasiContext wasi() {
    return wasi;
  }

  @Override
  public WasiHarness data() {
    return this;
  }

  /** Every registered function, as {@code wasi:PKG/IFACE@0.2.12#NAME}. */
  public static List<String> functionNames() {
    return FUNCTIONS.names();
  }

  /** Calls {@code name} of interface {@code iface} (e.g. {@code io/streams}). */
  public Val call(String iface, String name, Val... args) {
    return FUNCTIONS.call(this, Host.iface(iface), name, args);
  }

  /** Calls {@code [method]RESOURCE.NAME} on {@code self}, borrowed. */
  public Val method(String iface, String resource, String name, Val self, Val... args) {
    return FUNCTIONS.method(this, Host.iface(iface), resource, name, self, args);
  }

  /** The guest drops its owning handle {@code own} of {@code resource}. */
  public void drop(String iface, String resource, Val own) {
    FUNCTIONS.drop(this, Host.iface(iface), resource, own);
  }

  public static Val borrow(Val own) {
    return HostFunctions.borrow(own);
  }

  // ---- values ----

  public static Val u64(long v) {
    return new Val.U64(v);
  }

  public static Val str(String s) {
    return new Val.Str(s);
  }

  public static Val bytes(byte[] b) {
    return Host.list(b);
  }

  public static Val bytes(String s) {
    return Host.list(s.getBytes(StandardCharsets.UTF_8));
  }

  public static Val flags(String... names) {
    return new Val.Flags(List.of(names));
  }

  /** The ok payload of a result, failing the test on err. */
  public static Val ok(Val result) {
    Val.Result r = (Val.Result) result;
    if (!r.isOk()) {
      throw new AssertionError("expected ok, got " + result);
    }
    return r.value();
  }

  /** The err payload of a result, failing the test on ok. */
  public static Val err(Val result) {
    Val.Result r = (Val.Result) result;
    if (r.isOk()) {
      throw new AssertionError("expected err, got " + result);
    }
    return r.value();
  }

  /** The text of a {@code list<u8>}. */
  public static String text(Val list) {
    return new String(Host.bytes(list), StandardCharsets.UTF_8);
  }
}
