package dev.wasihttp.http.client;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Host-name and IP-literal helpers of the outbound policy; never resolves a name. */
final class Hosts {
  private Hosts() {}

  /** {@code s} as an IP address when it is an IPv4 dotted quad or an IPv6 literal, else null. */
  static InetAddress literal(String s) {
    if (s.isEmpty()) {
      return null;
    }
    boolean v6 = s.indexOf(':') >= 0;
    boolean v4 = s.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.');
    if (v4 && s.split("\\.", -1).length != 4) {
      return null;
    }
    if (v6) {
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.') || c > 0x7f) {
          return null;
        }
      }
    }
    if (!v4 && !v6) {
      return null;
    }
    try {
      return InetAddress.getByName(s); // a literal: no lookup happens
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /** A host name, {@code *}, or {@code *.suffix}: LDH labels separated by dots. */
  static boolean isNamePattern(String s) {
    String h = s.startsWith("*.") ? s.substring(2) : s;
    if (s.equals("*")) {
      return true;
    }
    if (h.isEmpty() || h.length() > 253) {
      return false;
    }
    for (int i = 0; i < h.length(); i++) {
      char c = h.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
      if (!ok) {
        return false;
      }
    }
    return !h.startsWith(".") && !h.contains("..");
  }

  /**
   * Private, loopback, link-local, shared (100.64.0.0/10), unique-local (fc00::/7), unspecified or
   * multicast: addresses a wildcard entry never reaches.
   */
  static boolean isInternal(InetAddress a) {
    if (a.isLoopbackAddress()
        || a.isSiteLocalAddress()
        || a.isLinkLocalAddress()
        || a.isAnyLocalAddress()
        || a.isMulticastAddress()) {
      return true;
    }
    byte[] b = a.getAddress();
    if (b.length == 4) {
      return (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
    }
    if (a instanceof Inet6Address) {
      if ((b[0] & 0xfe) == 0xfc) {
        return true;
      }
      // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible forms: judge the embedded IPv4 address.
      boolean zeros = true;
      for (int i = 0; i < 10; i++) {
        zeros &= b[i] == 0;
      }
      if (zeros && ((b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0))) {
        try {
          return isInternal(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
        } catch (UnknownHostException e) {
          return true;
        }
      }
    }
    return false;
  }
}
