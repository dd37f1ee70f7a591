package dev.wasihttp.wasi.host;

import dev.wasihttp.component.Linker;
import dev.wasihttp.wasi.WasiView;
import dev.wasihttp.wasi.cli.internal.CliHost;
import dev.wasihttp.wasi.clocks.internal.ClocksHost;
import dev.wasihttp.wasi.filesystem.internal.FsHost;
import dev.wasihttp.wasi.internal.Definer;
import dev.wasihttp.wasi.internal.Host;
import dev.wasihttp.wasi.io.internal.IoHost;
import dev.wasihttp.wasi.random.internal.RandomHost;
import dev.wasihttp.wasi.sockets.internal.SocketsHost;

/**
 * Registers the whole WASI 0.2 host (io, clocks, random, cli, filesystem, sockets) on a {@link
 * Linker}, each interface at {@link #VERSION}; a component importing any 0.2.x version of them
 * links to it. The host functions reach each instance's {@link dev.wasihttp.wasi.WasiContext}
 * through its data, which is a {@link WasiView}: the linker's type says so, so no host call casts.
 */
public final class WasiHost {
  /** The WIT version the interfaces are registered at. */
  public static final String VERSION = Host.VERSION;

  private WasiHost() {}

  /** Registers every interface of every family; returns {@code linker}. */
  public static <T extends WasiView> Linker<T> addToLinker(Linker<T> linker) {
    Definer<T> definer = Definer.of(linker);
    IoHost.define(definer);
    ClocksHost.define(definer);
    RandomHost.define(definer);
    CliHost.define(definer);
    FsHost.define(definer);
    SocketsHost.define(definer);
    return linker;
  }
}
