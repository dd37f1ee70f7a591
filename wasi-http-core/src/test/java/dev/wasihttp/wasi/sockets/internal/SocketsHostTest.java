package dev.wasihttp.wasi.sockets.internal;

import static dev.wasihttp.wasi.WasiHarness.err;
import static dev.wasihttp.wasi.WasiHarness.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.component.values.Val;
import dev.wasihttp.wasi.WasiHarness;
import org.junit.jupiter.api.Test;

/** {@code wasi:sockets} is linked and denies everything. */
class SocketsHostTest {
  final WasiHarness guest = new WasiHarness();

  @Test
  void socketsCannotBeCreated() {
    Val ipv4 = new Val.EnumValue("ipv4");
    assertEquals(
        new Val.EnumValue("access-denied"),
        err(guest.call("sockets/tcp-create-socket", "create-tcp-socket", ipv4)));
    assertEquals(
        new Val.EnumValue("access-denied"),
        err(guest.call("sockets/udp-create-socket", "create-udp-socket", ipv4)));
  }

  @Test
  void namesAreNotResolved() {
    Val network = guest.call("sockets/instance-network", "instance-network");
    assertEquals(SocketsHost.NETWORK, ((Val.Own) network).type());
    assertEquals(
        new Val.EnumValue("permanent-resolver-failure"),
        err(
            guest.call(
                "sockets/ip-name-lookup",
                "resolve-addresses",
                WasiHarness.borrow(network),
                str("example.com"))));
    guest.drop("sockets/network", "network", network);
    assertEquals(0, guest.wasi().table().size());
  }

  @Test
  void everyInterfaceIsLinked() {
    for (String iface :
        new String[] {
          "network",
          "instance-network",
          "tcp",
          "tcp-create-socket",
          "udp",
          "udp-create-socket",
          "ip-name-lookup"
        }) {
      assertTrue(
          WasiHarness.functionNames().stream()
              .anyMatch(n -> n.startsWith("wasi:sockets/" + iface + "@0.2.12#")),
          iface);
    }
  }
}
