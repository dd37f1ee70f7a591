package dev.wasihttp.wasi;

import dev.wasihttp.component.Linker;
import dev.wasihttp.wasi.cli.WasiCli;
import dev.wasihttp.wasi.clocks.WasiClocks;
import dev.wasihttp.wasi.filesystem.WasiFilesystem;
import dev.wasihttp.wasi.internal.Host;
import dev.wasihttp.wasi.io.WasiIo;
import dev.wasihttp.wasi.random.WasiRandom;
import dev.wasihttp.wasi.sockets.WasiSockets;

/**
 * Registers the whole WASI 0.2 host (io, clocks, random, cli, filesystem, sockets) on a {@link
 * Linker}, each interface at {@link #VERSION}; a component importing any 0.2.x version of them
 * links to it. The host functions find their per-instance state through the instance's data object,
 * which must implement {@link WasiView}.
 */
public final class WasiHost {
  /** The WIT version the interfaces are registered at. */
  public static final String VERSION = Host.VERSION;

  private WasiHost() {}

  /** Registers every interface of every family; returns {@code linker}. */
  public static Linker addToLinker(Linker linker) {
    WasiIo.addToLinker(linker);
    WasiClocks.addToLinker(linker);
    WasiRandom.addToLinker(linker);
    WasiCli.addToLinker(linker);
    WasiFilesystem.addToLinker(linker);
    WasiSockets.addToLinker(linker);
    return linker;
  }
}
