package dev.wasihttp.http.client.jetty.internal;

import dev.wasihttp.http.client.OutboundPolicy;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;

/**
 * Resolves through {@code delegate}, then keeps only the addresses a policy allows: a name that
 * resolves to a private, loopback or link-local address fails with {@link TransportFailures.Denied}
 * before any connection opens.
 *
 * <p>Which policy depends on Jetty's version. 12.1 tells the resolver the request's destination:
 * destinations tagged by an outgoing handler (their origin's tag is a {@link Guard}) are checked
 * against that guard's policy, and other requests of a shared client pass untouched. 12.0 tells it
 * only the host and port: every request of the client is checked against the policy of {@code
 * owner}, the handler that installed this resolver on a client of its own (see {@link
 * ClientHolder}).
 */
final class PolicyResolver implements SocketAddressResolver {
  /** The origin tag of guest requests: their policy, and their own connection pool. */
  record Guard(OutboundPolicy policy) {}

  private final SocketAddressResolver delegate;
  private final Guard owner;

  PolicyResolver(SocketAddressResolver delegate, Guard owner) {
    this.delegate = delegate;
    this.owner = owner;
  }

  /** The guard of the handler that installed this resolver. */
  Guard owner() {
    return owner;
  }

  /** Jetty 12.1's resolve: the context names the destination, whose tag says the policy. */
  @Override
  public void resolve(
      String host,
      int port,
      Map<String, Object> context,
      Promise<List<InetSocketAddress>> promise) {
    Object d = context == null ? null : context.get(Destination.CONTEXT_KEY);
    Object tag = d instanceof Destination d1 ? d1.getOrigin().getTag() : null;
    if (!(tag instanceof Guard guard)) {
      delegate.resolve(host, port, context, promise);
      return;
    }
    String scheme = ((Destination) d).getOrigin().getScheme();
    delegate.resolve(host, port, context, checked(guard.policy(), scheme, host, port, promise));
  }

  /**
   * Jetty 12.0's resolve (12.1 never calls it): no destination, so the owner's policy, and no
   * scheme, so an internal address passes when an entry for either scheme names it (the name check
   * before sending has matched the scheme).
   */
  public void resolve(String host, int port, Promise<List<InetSocketAddress>> promise) {
    Jetty120.resolve(delegate, host, port, checked(owner.policy(), null, host, port, promise));
  }

  private static Promise<List<InetSocketAddress>> checked(
      OutboundPolicy policy,
      String scheme,
      String host,
      int port,
      Promise<List<InetSocketAddress>> promise) {
    return new Promise<>() {
      @Override
      public void succeeded(List<InetSocketAddress> all) {
        List<InetSocketAddress> allowed =
            all.stream()
                .filter(a -> policy.allowsAddress(scheme, host, port, a.getAddress()))
                .toList();
        if (allowed.isEmpty()) {
          promise.failed(
              new TransportFailures.Denied(
                  host + " resolves to " + all + ", which the policy denies"));
        } else {
          promise.succeeded(allowed);
        }
      }

      @Override
      public void failed(Throwable x) {
        promise.failed(x);
      }
    };
  }
}
