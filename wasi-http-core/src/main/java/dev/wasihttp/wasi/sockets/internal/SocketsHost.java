package dev.wasihttp.wasi.sockets.internal;

import dev.wasihttp.component.errors.Trap;
import dev.wasihttp.component.host.HostFunction;
import dev.wasihttp.component.types.ResourceType;
import dev.wasihttp.component.values.Val;
import dev.wasihttp.wasi.WasiView;
import dev.wasihttp.wasi.internal.Definer;
import dev.wasihttp.wasi.internal.Host;
import java.util.List;

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
public final class SocketsHost {
  /** {@code wasi:sockets/network.network}. */
  public static final ResourceType NETWORK = ResourceType.host("network");

  private static final ResourceType TCP_SOCKET = ResourceType.host("tcp-socket");
  private static final ResourceType UDP_SOCKET = ResourceType.host("udp-socket");
  private static final ResourceType INCOMING_DATAGRAMS =
      ResourceType.host("incoming-datagram-stream");
  private static final ResourceType OUTGOING_DATAGRAMS =
      ResourceType.host("outgoing-datagram-stream");
  private static final ResourceType RESOLVE_STREAM = ResourceType.host("resolve-address-stream");

  private static final List<String> TCP_METHODS =
      List.of(
          "start-bind",
          "finish-bind",
          "start-connect",
          "finish-connect",
          "start-listen",
          "finish-listen",
          "accept",
          "local-address",
          "remote-address",
          "is-listening",
          "address-family",
          "set-listen-backlog-size",
          "keep-alive-enabled",
          "set-keep-alive-enabled",
          "keep-alive-idle-time",
          "set-keep-alive-idle-time",
          "keep-alive-interval",
          "set-keep-alive-interval",
          "keep-alive-count",
          "set-keep-alive-count",
          "hop-limit",
          "set-hop-limit",
          "receive-buffer-size",
          "set-receive-buffer-size",
          "send-buffer-size",
          "set-send-buffer-size",
          "subscribe",
          "shutdown");
  private static final List<String> UDP_METHODS =
      List.of(
          "start-bind",
          "finish-bind",
          "stream",
          "local-address",
          "remote-address",
          "address-family",
          "unicast-hop-limit",
          "set-unicast-hop-limit",
          "receive-buffer-size",
          "set-receive-buffer-size",
          "send-buffer-size",
          "set-send-buffer-size",
          "subscribe");

  /** The state behind a {@code network} handle: a capability that grants nothing. */
  private static final class DeniedNetwork {}

  private SocketsHost() {}

  public static <T extends WasiView> void define(Definer<T> linker) {
    String network = Host.iface("sockets/network");
    linker.resource(
        network,
        "network",
        NETWORK,
        (c, rep) -> Host.ctx(c).table().delete(rep, DeniedNetwork.class));
    linker.func(network, "network-error-code", (c, a) -> Val.Option.none());
    linker.func(
        Host.iface("sockets/instance-network"),
        "instance-network",
        (c, a) -> new Val.Own(NETWORK, Host.ctx(c).table().push(new DeniedNetwork())));

    String tcp = Host.iface("sockets/tcp");
    linker.resource(tcp, "tcp-socket", TCP_SOCKET, null);
    for (String m : TCP_METHODS) {
      linker.func(tcp, "[method]tcp-socket." + m, impossible("tcp-socket"));
    }
    linker.func(
        Host.iface("sockets/tcp-create-socket"),
        "create-tcp-socket",
        (c, a) -> Host.errCode("access-denied"));

    String udp = Host.iface("sockets/udp");
    linker.resource(udp, "udp-socket", UDP_SOCKET, null);
    linker.resource(udp, "incoming-datagram-stream", INCOMING_DATAGRAMS, null);
    linker.resource(udp, "outgoing-datagram-stream", OUTGOING_DATAGRAMS, null);
    for (String m : UDP_METHODS) {
      linker.func(udp, "[method]udp-socket." + m, impossible("udp-socket"));
    }
    for (String m : List.of("receive", "subscribe")) {
      linker.func(
          udp, "[method]incoming-datagram-stream." + m, impossible("incoming-datagram-stream"));
    }
    for (String m : List.of("check-send", "send", "subscribe")) {
      linker.func(
          udp, "[method]outgoing-datagram-stream." + m, impossible("outgoing-datagram-stream"));
    }
    linker.func(
        Host.iface("sockets/udp-create-socket"),
        "create-udp-socket",
        (c, a) -> Host.errCode("access-denied"));

    String lookup = Host.iface("sockets/ip-name-lookup");
    linker.resource(lookup, "resolve-address-stream", RESOLVE_STREAM, null);
    linker.func(lookup, "resolve-addresses", (c, a) -> Host.errCode("permanent-resolver-failure"));
    for (String m : List.of("resolve-next-address", "subscribe")) {
      linker.func(
          lookup, "[method]resolve-address-stream." + m, impossible("resolve-address-stream"));
    }
  }

  private static <T> HostFunction<T> impossible(String resource) {
    return (c, a) -> {
      throw new Trap("wasi:sockets is denied: no " + resource + " exists");
    };
  }
}
