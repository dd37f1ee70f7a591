package dev.wasihttp.http.client.jetty.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.http.client.ErrorCodes;
import dev.wasihttp.http.client.OutboundPolicy;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;
import org.junit.jupiter.api.Test;

/**
 * The resolver on Jetty 12.0, whose client calls {@code resolve(host, port, promise)} with no
 * destination: the policy of the handler that installed the resolver checks every resolved name.
 * This module's tests run twice, on Jetty 12.1 and (the surefire execution {@code jetty-12.0}) on
 * Jetty 12.0's jars; on 12.1 that method is never called, and calling it fails.
 */
class Jetty120Test {
  static final String VERSION = HttpClient.class.getPackage().getImplementationVersion();

  /** The owner's policy allows any host by name, and names no internal address. */
  static final PolicyResolver ANY_PUBLIC_HOST =
      new PolicyResolver(
          new SocketAddressResolver.Sync(),
          new PolicyResolver.Guard(OutboundPolicy.parse("*://*:*")));

  /** The owner's policy names localhost, so its loopback addresses are allowed. */
  static final PolicyResolver LOCALHOST =
      new PolicyResolver(
          new SocketAddressResolver.Sync(),
          new PolicyResolver.Guard(OutboundPolicy.parse("http://localhost:8080")));

  @Test
  void runsOnTheJettyOfItsSurefireExecution() {
    assertTrue(VERSION.startsWith(System.getProperty("expected.jetty", "12.1.")), VERSION);
    assertEquals(VERSION.startsWith("12.0."), Jetty120.isJetty120(), VERSION);
  }

  @Test
  void aNameResolvingToLoopbackIsDeniedUnlessTheOwnersPolicyNamesIt() throws Exception {
    Promise.Completable<List<InetSocketAddress>> denied = new Promise.Completable<>();
    Promise.Completable<List<InetSocketAddress>> allowed = new Promise.Completable<>();
    if (!Jetty120.isJetty120()) {
      assertThrows(
          IllegalStateException.class, () -> ANY_PUBLIC_HOST.resolve("localhost", 8080, denied));
      return;
    }
    ANY_PUBLIC_HOST.resolve("localhost", 8080, denied);
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> denied.get(10, TimeUnit.SECONDS));
    assertInstanceOf(TransportFailures.Denied.class, e.getCause());
    assertEquals(ErrorCodes.of("HTTP-request-denied"), TransportFailures.code(e.getCause(), false));

    LOCALHOST.resolve("localhost", 8080, allowed);
    List<InetSocketAddress> addresses = allowed.get(10, TimeUnit.SECONDS);
    assertFalse(addresses.isEmpty());
    assertTrue(
        addresses.stream().allMatch(a -> a.getAddress().isLoopbackAddress()), addresses::toString);
  }
}
