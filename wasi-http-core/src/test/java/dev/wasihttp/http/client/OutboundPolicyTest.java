package dev.wasihttp.http.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutboundPolicyTest {
  private static InetAddress ip(String s) {
    return Hosts.literal(s);
  }

  @Test
  void denyAllByDefault() {
    OutboundPolicy p = OutboundPolicy.denyAll();
    assertTrue(p.isDenyAll());
    assertFalse(p.allows("https", "example.com", 443));
    assertTrue(OutboundPolicy.parse("  ").isDenyAll());
  }

  @Test
  void schemeHostAndDefaultPort() {
    OutboundPolicy p = OutboundPolicy.parse("https://example.com");
    assertTrue(p.allows("https", "example.com", 443));
    assertTrue(p.allows("HTTPS", "EXAMPLE.com.", 443));
    assertFalse(p.allows("https", "example.com", 8443), "omitted port: the default only");
    assertFalse(p.allows("http", "example.com", 80));
    assertFalse(p.allows("https", "www.example.com", 443));
  }

  @Test
  void wildcards() {
    OutboundPolicy p = OutboundPolicy.parse("*://*.example.com:*, http://*:8080");
    assertTrue(p.allows("http", "a.example.com", 1));
    assertTrue(p.allows("https", "a.b.example.com", 65535));
    assertFalse(p.allows("https", "example.com", 443), "*.x does not match x itself");
    assertFalse(p.allows("https", "badexample.com", 443));
    assertTrue(p.allows("http", "anything.org", 8080));
    assertFalse(p.allows("https", "anything.org", 8080));
    OutboundPolicy any = OutboundPolicy.parse("*://*");
    assertTrue(any.allows("http", "x.org", 80));
    assertTrue(any.allows("https", "x.org", 443));
    assertFalse(any.allows("https", "x.org", 80));
  }

  @Test
  void portRangesAreEndExclusive() {
    OutboundPolicy p = OutboundPolicy.parse(List.of("http://svc:8000..8002"));
    assertTrue(p.allows("http", "svc", 8000));
    assertTrue(p.allows("http", "svc", 8001));
    assertFalse(p.allows("http", "svc", 8002));
    assertFalse(p.allows("http", "svc", 7999));
  }

  @Test
  void ipLiteralsAndCidrs() {
    OutboundPolicy p =
        OutboundPolicy.parse(
            "http://127.0.0.1:*, https://10.0.0.0/8, http://[::1]:8080, *://[fd00::/8]:*");
    assertTrue(p.allows("http", "127.0.0.1", 9000));
    assertFalse(p.allows("http", "127.0.0.2", 9000));
    assertTrue(p.allows("https", "10.1.2.3", 443));
    assertFalse(p.allows("https", "11.1.2.3", 443));
    assertTrue(p.allows("http", "[::1]", 8080));
    assertTrue(p.allows("http", "::1", 8080));
    assertTrue(p.allows("http", "fd12::1", 1));
    assertFalse(p.allows("http", "fe80::1", 1));
  }

  @Test
  void wildcardsNeverReachInternalAddresses() {
    OutboundPolicy p = OutboundPolicy.parse("*://*:*");
    assertFalse(p.allows("http", "127.0.0.1", 80), "an internal IP literal needs its own entry");
    assertFalse(p.allows("http", "[::1]", 80));
    assertTrue(p.allows("http", "localhost", 80), "a name passes the name check...");
    assertFalse(
        p.allowsAddress("http", "localhost", 80, ip("127.0.0.1")), "...not the address one");
    assertFalse(p.allowsAddress("http", "evil.example", 80, ip("10.0.0.1")));
    assertFalse(p.allowsAddress("http", "evil.example", 80, ip("169.254.169.254")));
    assertFalse(p.allowsAddress("http", "evil.example", 80, ip("192.168.1.1")));
    assertFalse(p.allowsAddress("http", "evil.example", 80, ip("100.64.0.1")));
    assertFalse(p.allowsAddress("http", "evil.example", 80, ip("::ffff:127.0.0.1")));
    assertFalse(p.allowsAddress("http", "evil.example", 80, ip("fe80::1")));
    assertFalse(p.allowsAddress("http", "evil.example", 80, ip("0.0.0.0")));
    assertTrue(p.allowsAddress("http", "public.example", 80, ip("93.184.216.34")));
  }

  @Test
  void internalAddressesNamedLiterally() {
    OutboundPolicy p =
        OutboundPolicy.parse("http://localhost:8080, http://10.0.0.0/8:*, https://db.internal");
    assertTrue(p.allowsAddress("http", "localhost", 8080, ip("127.0.0.1")));
    assertFalse(p.allowsAddress("http", "localhost", 8081, ip("127.0.0.1")), "port must match");
    assertTrue(p.allowsAddress("http", "anything", 9, ip("10.9.9.9")), "a CIDR names it");
    assertTrue(p.allowsAddress(null, "db.internal", 443, ip("192.168.0.7")));
    assertFalse(p.allowsAddress("https", "other.internal", 443, ip("192.168.0.7")));
  }

  @Test
  void malformedEntriesAreRefusedWithTheReason() {
    for (String bad :
        List.of(
            "example.com",
            "ftp://example.com",
            "https://",
            "https://exa mple.com",
            "https://example.com:99999",
            "https://example.com:abc",
            "https://example.com:10..5",
            "https://10.0.0.0/33",
            "https://[::1",
            "https://host/8")) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> OutboundPolicy.parse(List.of(bad)), bad);
      assertTrue(e.getMessage().contains(bad), e.getMessage());
    }
  }

  @Test
  void entriesAreKeptNormalised() {
    assertEquals(
        List.of("https://example.com", "http://*:8080"),
        OutboundPolicy.parse("HTTPS://Example.com\nhttp://*:8080").entries());
  }
}
