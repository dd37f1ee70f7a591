package dev.wasihttp.wasi.sockets;

import dev.wasihttp.component.Linker;
import dev.wasihttp.component.types.ResourceType;
import dev.wasihttp.wasi.internal.Definer;
import dev.wasihttp.wasi.sockets.internal.SocketsHost;

/**
 * {@code wasi:sockets}, linked so that components importing it load, and denying everything: no
 * real socket is ever created and no name is ever resolved.
 *
 * <ul>
 *   <li>{@code instance-network} hands out a {@code network} handle, which grants nothing.
 *   <li>{@code create-tcp-socket} and {@code create-udp-socket} return {@code
 *       error(access-denied)}, as Wasmtime does when a socket kind is not allowed.
 *   <li>{@code resolve-addresses} returns {@code error(permanent-resolver-failure)}, as Wasmtime
 *       does when name lookup is not allowed ({@code access-denied} is not among its errors).
 *   <li>{@code network-error-code} returns none: no {@code error} comes from a socket.
 *   <li>The methods of {@code tcp-socket}, {@code udp-socket}, the datagram streams and {@code
 *       resolve-address-stream} trap if ever called: no such resource can exist.
 * </ul>
 */
public final class WasiSockets {
  /** {@code wasi:sockets/network.network}. */
  public static final ResourceType NETWORK = ResourceType.host("network");

  private WasiSockets() {}

  /** Registers every {@code wasi:sockets} interface at 0.2.12. */
  public static void addToLinker(Linker linker) {
    SocketsHost.define(Definer.of(linker));
  }
}
