package dev.wasihttp.http.client.jetty.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.InetSocketAddress;
import java.util.List;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;

/**
 * The one part of Jetty's client 12.0 (Spring Boot 3.5 manages 12.0.x) that differs from 12.1,
 * which the core is compiled against: {@link SocketAddressResolver}. 12.1 resolves with {@code
 * resolve(host, port, context, promise)}, the context naming the request's destination; 12.0 has
 * only {@code resolve(host, port, promise)}, which this class calls through a method handle (12.1
 * has no such method to compile against). Everything else the handler uses is in both.
 */
final class Jetty120 {
  private Jetty120() {}

  /** 12.0's {@code resolve(host, port, promise)}; null on 12.1. */
  private static final MethodHandle RESOLVE = find();

  private static MethodHandle find() {
    try {
      return MethodHandles.publicLookup()
          .findVirtual(
              SocketAddressResolver.class,
              "resolve",
              MethodType.methodType(void.class, String.class, int.class, Promise.class));
    } catch (NoSuchMethodException | IllegalAccessException e) {
      return null; // Jetty 12.1: resolvers are given the request's context
    }
  }

  /** Whether the class path's Jetty is 12.0: its resolvers are not told the destination. */
  static boolean isJetty120() {
    return RESOLVE != null;
  }

  /**
   * Calls 12.0's {@code resolver.resolve(host, port, promise)}.
   *
   * @throws IllegalStateException on Jetty 12.1, which has no such method
   */
  static void resolve(
      SocketAddressResolver resolver,
      String host,
      int port,
      Promise<List<InetSocketAddress>> promise) {
    if (RESOLVE == null) {
      throw new IllegalStateException("not Jetty 12.0: resolve(host, port, promise) is absent");
    }
    try {
      RESOLVE.invoke(resolver, host, port, promise);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      promise.failed(t); // resolve declares no checked exception: a resolver that threw one anyway
    }
  }
}
