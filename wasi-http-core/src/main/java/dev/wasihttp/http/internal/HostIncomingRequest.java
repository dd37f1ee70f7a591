package dev.wasihttp.http.internal;

import dev.wasihttp.component.values.Val;
import java.util.Locale;
import java.util.Set;

/**
 * The host state behind {@code wasi:http/types.incoming-request}: what the exchange said about the
 * request, its read-only headers (forbidden names stripped), and the body, which {@code consume}
 * hands out once.
 */
public final class HostIncomingRequest {
  private static final Set<String> STANDARD_METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");

  final String method;
  final String scheme;
  final String authority;
  final String pathWithQuery;
  final HostFields headers;
  final IncomingBodyReader body;
  boolean consumed;

  HostIncomingRequest(
      String method,
      String scheme,
      String authority,
      String pathWithQuery,
      HostFields headers,
      IncomingBodyReader body) {
    this.method = method;
    this.scheme = scheme;
    this.authority = authority;
    this.pathWithQuery = pathWithQuery;
    this.headers = headers;
    this.body = body;
  }

  /**
   * The WIT {@code method}: the nine standard methods by their (case-sensitive, RFC 9110 §9.1)
   * upper-case names, anything else as {@code other} with the name as received.
   */
  public static Val methodVal(String method) {
    return STANDARD_METHODS.contains(method)
        ? new Val.Variant(method.toLowerCase(Locale.ROOT), null)
        : new Val.Variant("other", new Val.Str(method));
  }

  /** The method name of a WIT {@code method} value. */
  public static String methodName(Val method) {
    Val.Variant v = (Val.Variant) method;
    return v.caseName().equals("other")
        ? Vals.str(v.payload())
        : v.caseName().toUpperCase(Locale.ROOT);
  }

  /** The WIT {@code option<scheme>}. */
  public static Val schemeVal(String scheme) {
    if (scheme == null) {
      return Val.Option.none();
    }
    switch (scheme.toLowerCase(Locale.ROOT)) {
      case "http":
        return Val.Option.some(new Val.Variant("HTTP", null));
      case "https":
        return Val.Option.some(new Val.Variant("HTTPS", null));
      default:
        return Val.Option.some(new Val.Variant("other", new Val.Str(scheme)));
    }
  }

  /** The scheme name of a WIT {@code scheme} value. */
  public static String schemeName(Val scheme) {
    Val.Variant v = (Val.Variant) scheme;
    switch (v.caseName()) {
      case "HTTP":
        return "http";
      case "HTTPS":
        return "https";
      default:
        return Vals.str(v.payload());
    }
  }
}
