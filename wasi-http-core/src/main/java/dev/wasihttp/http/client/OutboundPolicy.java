package dev.wasihttp.http.client;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which destinations a component may reach with {@code wasi:http/outgoing-handler}: immutable,
 * deny-everything by default ({@link #denyAll()}), built from entries in Spin's {@code
 * allowed_outbound_hosts} syntax ({@link #parse}).
 *
 * <p>An entry is {@code scheme://host[:port]}:
 *
 * <ul>
 *   <li>scheme: {@code http}, {@code https} or {@code *} (either);
 *   <li>host: {@code *} (any name), {@code *.example.com} (any name below {@code example.com}, not
 *       itself), a literal name, an IPv4 or bracketed IPv6 literal, or a CIDR ({@code 10.0.0.0/8},
 *       {@code [fd00::/8]});
 *   <li>port: omitted (the scheme's default port only: 80 or 443), {@code *}, one port, or a range
 *       {@code a..b} (end-exclusive, as Spin's).
 * </ul>
 *
 * <p>Private, loopback and link-local destinations (RFC 1918, 100.64.0.0/10, 127.0.0.0/8, ::1,
 * 169.254.0.0/16, fe80::/10, fc00::/7, the unspecified address) are reachable only through an entry
 * naming them: the literal IP, a CIDR containing it, or the exact host name that resolved to it. A
 * wildcard never matches them. The HTTP client checks this on the <em>resolved</em> address (see
 * {@link #allowsAddress}), so a public name cannot be steered to an internal address by DNS.
 *
 * <p>Thread-safe.
 */
public final class OutboundPolicy {
  private static final OutboundPolicy DENY_ALL = new OutboundPolicy(List.of());

  private final List<Entry> entries;

  private OutboundPolicy(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** The default: no destination is allowed. */
  public static OutboundPolicy denyAll() {
    return DENY_ALL;
  }

  /**
   * A policy allowing what {@code entries} name (each trimmed; blank ones skipped).
   *
   * @throws IllegalArgumentException naming the first malformed entry and why
   */
  public static OutboundPolicy parse(List<String> entries) {
    List<Entry> out = new ArrayList<>();
    for (String e : entries) {
      String t = e.trim();
      if (!t.isEmpty()) {
        out.add(Entry.parse(t));
      }
    }
    return new OutboundPolicy(out);
  }

  /** {@link #parse(List)} of entries separated by commas or whitespace (an init-param's form). */
  public static OutboundPolicy parse(String entries) {
    return parse(List.of(entries.trim().isEmpty() ? new String[0] : entries.split("[,\\s]+")));
  }

  /** The entries as given, normalised (lower case). */
  public List<String> entries() {
    List<String> out = new ArrayList<>();
    for (Entry e : entries) {
      out.add(e.text);
    }
    return out;
  }

  /** Whether nothing is allowed. */
  public boolean isDenyAll() {
    return entries.isEmpty();
  }

  /**
   * The check made before any connection: whether some entry allows {@code scheme://host:port}.
   * {@code host} is a name or an IP literal (IPv6 with or without brackets); an IP literal of a
   * private, loopback or link-local address needs an entry naming it.
   */
  public boolean allows(String scheme, String host, int port) {
    String h = normalizeHost(host);
    InetAddress literal = Hosts.literal(h);
    for (Entry e : entries) {
      if (e.matchesScheme(scheme) && e.matchesPort(scheme, port) && e.matchesHost(h, literal)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The check made on each resolved address of {@code host} at connect time: a public address is
   * allowed (the name passed {@link #allows}); a private, loopback or link-local one only when an
   * entry for {@code port} (and {@code scheme}, when not null) names it literally: the exact host
   * name, the IP, or a CIDR containing it.
   */
  public boolean allowsAddress(String scheme, String host, int port, InetAddress address) {
    if (!Hosts.isInternal(address)) {
      return true;
    }
    String h = normalizeHost(host);
    for (Entry e : entries) {
      if ((scheme == null || e.matchesScheme(scheme))
          && e.matchesPort(scheme, port)
          && e.namesLiterally(h, address)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return entries.isEmpty() ? "deny all" : String.join(", ", entries());
  }

  private static String normalizeHost(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }

  /** One parsed entry. */
  private static final class Entry {
    final String text;
    final String scheme; // "*", "http", "https"
    final String host; // "*", "*.suffix" or a literal name; null for an IP or CIDR
    final InetAddress network; // an IP literal or a CIDR's network
    final int prefix; // CIDR prefix length; the full width for an IP literal
    final int portLow; // -1: the scheme's default port
    final int portHigh; // exclusive

    private Entry(
        String text,
        String scheme,
        String host,
        InetAddress network,
        int prefix,
        int portLow,
        int portHigh) {
      this.text = text;
      this.scheme = scheme;
      this.host = host;
      this.network = network;
      this.prefix = prefix;
      this.portLow = portLow;
      this.portHigh = portHigh;
    }

    static Entry parse(String raw) {
      String s = raw.toLowerCase(Locale.ROOT);
      int sep = s.indexOf("://");
      if (sep <= 0) {
        throw bad(raw, "expected scheme://host[:port]");
      }
      String scheme = s.substring(0, sep);
      if (!scheme.equals("*") && !scheme.equals("http") && !scheme.equals("https")) {
        throw bad(raw, "scheme must be http, https or *");
      }
      String rest = s.substring(sep + 3);
      if (rest.endsWith("/") && !rest.contains("]/") && rest.indexOf('/') == rest.length() - 1) {
        rest = rest.substring(0, rest.length() - 1);
      }
      String hostPart;
      String portPart = null;
      if (rest.startsWith("[")) {
        int end = rest.indexOf(']');
        if (end < 0) {
          throw bad(raw, "unclosed [");
        }
        hostPart = rest.substring(1, end);
        String after = rest.substring(end + 1);
        if (!after.isEmpty()) {
          if (!after.startsWith(":")) {
            throw bad(raw, "unexpected text after ]");
          }
          portPart = after.substring(1);
        }
      } else {
        int colon = rest.indexOf(':');
        hostPart = colon < 0 ? rest : rest.substring(0, colon);
        portPart = colon < 0 ? null : rest.substring(colon + 1);
      }
      if (hostPart.isEmpty()) {
        throw bad(raw, "empty host");
      }
      int[] ports = parsePorts(raw, portPart);
      String name = null;
      InetAddress network = null;
      int prefix = -1;
      int slash = hostPart.indexOf('/');
      if (slash >= 0) {
        network = Hosts.literal(hostPart.substring(0, slash));
        if (network == null) {
          throw bad(raw, "CIDR must start with an IP address");
        }
        prefix = parseInt(raw, hostPart.substring(slash + 1), "CIDR prefix");
        if (prefix > network.getAddress().length * 8) {
          throw bad(raw, "CIDR prefix too long");
        }
      } else if ((network = Hosts.literal(hostPart)) != null) {
        prefix = network.getAddress().length * 8;
      } else {
        if (!Hosts.isNamePattern(hostPart)) {
          throw bad(raw, "invalid host");
        }
        name = hostPart.endsWith(".") ? hostPart.substring(0, hostPart.length() - 1) : hostPart;
      }
      return new Entry(s, scheme, name, network, prefix, ports[0], ports[1]);
    }

    private static int[] parsePorts(String raw, String p) {
      if (p == null) {
        return new int[] {-1, -1};
      }
      if (p.equals("*")) {
        return new int[] {0, 65536};
      }
      int dots = p.indexOf("..");
      if (dots >= 0) {
        int lo = parseInt(raw, p.substring(0, dots), "port");
        int hi = parseInt(raw, p.substring(dots + 2), "port");
        if (lo > 65535 || hi > 65536 || lo >= hi) {
          throw bad(raw, "invalid port range");
        }
        return new int[] {lo, hi};
      }
      int port = parseInt(raw, p, "port");
      if (port > 65535) {
        throw bad(raw, "port out of range");
      }
      return new int[] {port, port + 1};
    }

    private static int parseInt(String raw, String s, String what) {
      if (s.isEmpty() || s.length() > 5 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw bad(raw, "invalid " + what + " '" + s + "'");
      }
      return Integer.parseInt(s);
    }

    private static IllegalArgumentException bad(String raw, String why) {
      return new IllegalArgumentException("invalid outbound host '" + raw + "': " + why);
    }

    boolean matchesScheme(String s) {
      return scheme.equals("*") || scheme.equalsIgnoreCase(s);
    }

    boolean matchesPort(String requestScheme, int port) {
      if (portLow >= 0) {
        return port >= portLow && port < portHigh;
      }
      String sc = scheme.equals("*") ? requestScheme : scheme;
      if (sc == null) { // address check without a scheme: either default port
        return port == 80 || port == 443;
      }
      return port == ("http".equalsIgnoreCase(sc) ? 80 : 443);
    }

    /** The name check: {@code literal} is {@code h} as an IP when it is one. */
    boolean matchesHost(String h, InetAddress literal) {
      if (literal != null) {
        return network != null && contains(literal);
      }
      if (host == null) {
        return false;
      }
      if (host.equals("*")) {
        return true;
      }
      if (host.startsWith("*.")) {
        return h.endsWith(host.substring(1));
      }
      return host.equals(h);
    }

    /** Whether this entry names {@code address} (reached through the name {@code h}) literally. */
    boolean namesLiterally(String h, InetAddress address) {
      if (network != null) {
        return contains(address);
      }
      return host != null && !host.startsWith("*") && host.equals(h);
    }

    private boolean contains(InetAddress a) {
      byte[] net = network.getAddress();
      byte[] x = a.getAddress();
      if (net.length != x.length) {
        return false;
      }
      int full = prefix / 8;
      for (int i = 0; i < full; i++) {
        if (net[i] != x[i]) {
          return false;
        }
      }
      int bits = prefix % 8;
      if (bits == 0) {
        return true;
      }
      int mask = (0xff << (8 - bits)) & 0xff;
      return (net[full] & mask) == (x[full] & mask);
    }
  }
}
