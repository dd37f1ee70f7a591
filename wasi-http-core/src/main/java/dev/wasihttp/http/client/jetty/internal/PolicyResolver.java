package dev.wasihttp.http.client.jetty.internal;

import dev.wasihttp.http.client.OutboundPolicy;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;

/**
 * Resolves through {@code delegate}, then, for destinations tagged by the outgoing handler (their
 * origin's tag is a {@link Guard}), keeps only the addresses the guard's policy allows: a name that
 * resolves to a private, loopback or link-local address fails with {@link TransportFailures.Denied}
 * before any connection opens. Other requests of a shared client pass untouched.
 */
final class PolicyResolver implements SocketAddressResolver {
  /** The origin tag of guest requests: their policy, and their own connection pool. */
  record Guard(OutboundPolicy policy) {}

  private final SocketAddressResolver delegate;

  PolicyResolver(SocketAddressResolver delegate) {
    this.delegate = delegate;
  }

  @Override
  public void resolve(
      String host,
      int port,
      Map<String, Object> context,
      Promise<List<InetSocketAddress>> promise) {
    Object d = context == null ? null : context.get(Destination.CONTEXT_KEY);
    Object tag = d instanceof Destination d1 ? d1.getOrigin().getTag() : null;
    if (!(tag instanceof Guard)) {
      delegate.resolve(host, port, context, promise);
      return;
    }
    OutboundPolicy policy = ((Guard) tag).policy();
    String scheme = ((Destination) d).getOrigin().getScheme();
    delegate.resolve(
        host,
        port,
        context,
        new Promise<>() {
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
        });
  }
}
