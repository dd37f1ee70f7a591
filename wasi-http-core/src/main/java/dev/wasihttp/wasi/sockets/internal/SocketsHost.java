package dev.wasihttp.wasi.sockets.internal;

import dev.wasihttp.component.errors.Trap;
import dev.wasihttp.component.host.HostFunction;
import dev.wasihttp.component.types.ResourceType;
import dev.wasihttp.component.values.Val;
import dev.wasihttp.wasi.internal.Definer;
import dev.wasihttp.wasi.internal.Host;
import dev.wasihttp.wasi.sockets.WasiSockets;
import java.util.List;

/** Registers the {@code wasi:sockets} interfaces, denying everything. */
public final class SocketsHost {
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

  public static void define(Definer linker) {
    String network = Host.iface("sockets/network");
    linker.resource(
        network,
        "network",
        WasiSockets.NETWORK,
        (c, rep) -> Host.ctx(c).table().delete(rep, DeniedNetwork.class));
    linker.func(network, "network-error-code", (c, a) -> Val.Option.none());
    linker.func(
        Host.iface("sockets/instance-network"),
        "instance-network",
        (c, a) -> new Val.Own(WasiSockets.NETWORK, Host.ctx(c).table().push(new DeniedNetwork())));

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

  private static HostFunction impossible(String resource) {
    return (c, a) -> {
      throw new Trap("wasi:sockets is denied: no " + resource + " exists");
    };
  }
}
