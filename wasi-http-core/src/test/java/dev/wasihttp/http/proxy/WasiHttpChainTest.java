package dev.wasihttp.http.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.component.EngineMode;
import dev.wasihttp.http.HttpField;
import dev.wasihttp.wasi.WasiConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * proxy-c chained in front of hello-c without a socket: proxy-c's requests for its own origin, or
 * for {@code http://hello-c}, reach hello-c's handler in process, under the default deny-all
 * policy, and hello-c's answer comes back through proxy-c.
 */
@Timeout(120)
class WasiHttpChainTest {
  static final Samples.Lines LOG = new Samples.Lines();
  final List<WasiHttpChain> chains = new ArrayList<>();

  @AfterEach
  void close() {
    chains.forEach(WasiHttpChain::close);
  }

  /** A member named {@code name} running {@code path}, with {@code UPSTREAM} when not null. */
  static WasiHttpChain.Member member(String name, java.nio.file.Path path, String upstream)
      throws Exception {
    WasiConfig.Builder wasi = WasiHttpConfig.wasiBuilder(name, LOG);
    if (upstream != null) {
      wasi.env("UPSTREAM", upstream);
    }
    return new WasiHttpChain.Member(
        Samples.load(path, EngineMode.COMPILER),
        WasiHttpConfig.builder().componentName(name).log(LOG).wasi(wasi.build()).build());
  }

  WasiHttpChain chain(WasiHttpChain.Member... members) throws Exception {
    WasiHttpChain c = WasiHttpChain.create(List.of(members));
    chains.add(c);
    return c;
  }

  static MemoryExchange run(WasiHttpChain chain, MemoryExchange x) {
    chain.handle(x);
    return x;
  }

  @Test
  void theSecondsAnswerReachesTheClientThroughTheFirst() throws Exception {
    WasiHttpChain byName =
        chain(
            member("proxy-c", Samples.PROXY_C, "http://hello-c"),
            member("hello-c", Samples.HELLO_C, null));
    MemoryExchange x = run(byName, new MemoryExchange("GET", "/hi?q=1"));
    assertEquals(List.of("respond 200", "finish"), x.calls, x::bodyText);
    assertEquals("hello from C: GET /hi?q=1\n", x.bodyText());
    assertEquals("c", x.header("x-wasm-lang"));
    assertTrue(byName.handlers().get(0).config().outboundPolicy().isDenyAll());

    // The client's own origin (MemoryExchange's http://localhost:8080) is the next member too.
    WasiHttpChain byOrigin =
        chain(
            member("front", Samples.PROXY_C, "http://localhost:8080"),
            member("back", Samples.HELLO_C, null));
    x = run(byOrigin, new MemoryExchange("GET", "/origin"));
    assertEquals("hello from C: GET /origin\n", x.bodyText());
  }

  @Test
  void aBodyStreamsThroughBothAndBack() throws Exception {
    WasiHttpChain c =
        chain(
            member("proxy-c", Samples.PROXY_C, "http://hello-c"),
            member("hello-c", Samples.HELLO_C, null));
    byte[] body = Samples.randomBytes(4 << 20);
    MemoryExchange x = run(c, new MemoryExchange("POST", "/echo").body(body));
    assertEquals(List.of("respond 200", "finish"), x.calls);
    assertArrayEquals(body, x.body.toByteArray());
  }

  @Test
  void aTrapInTheSecondIsAFailedRequestForTheFirst() throws Exception {
    WasiHttpChain c =
        chain(
            member("proxy-c", Samples.PROXY_C, "http://hello-c"),
            member("hello-c", Samples.HELLO_C, null));
    MemoryExchange x = run(c, new MemoryExchange("GET", "/trap"));
    assertEquals(List.of("respond 502", "finish"), x.calls);
    assertEquals("connection-terminated", x.header("x-proxy-error"));
    assertTrue(LOG.contains("[hello-c] answered 500: the guest trapped"), LOG::toString);
    assertEquals(
        "hello from C: GET /after\n", run(c, new MemoryExchange("GET", "/after")).bodyText());
    assertEquals(1, c.handlers().get(1).metrics().traps());
  }

  @Test
  void theFirstsDeadlineEndsTheSecondsRequestAndNoThreadIsLeft() throws Exception {
    WasiHttpChain.Member proxy = member("proxy-c", Samples.PROXY_C, "http://hello-c");
    WasiHttpChain c =
        WasiHttpChain.create(
            List.of(
                new WasiHttpChain.Member(
                    proxy.component(),
                    proxy.config().toBuilder().timeout(Duration.ofSeconds(2)).build()),
                member("hello-c", Samples.HELLO_C, null)));
    // hello-c would write 1 GiB, but the client reads nothing: proxy-c's first write waits until
    // its deadline, its instance ends, and hello-c, blocked on a full buffer, loses its client.
    MemoryExchange x =
        run(c, new MemoryExchange("GET", "/bytes?n=1073741824").writesBlockUntilInterrupted());
    assertEquals("abort", x.calls.get(x.calls.size() - 1), x.calls::toString);
    WasiHttpHandler hello = c.handlers().get(1);
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (hello.metrics().requests() == 0 && System.nanoTime() < until) {
      Thread.sleep(10);
    }
    assertEquals(1, hello.metrics().aborted(), "its response was cut off: " + hello.metrics());
    c.close();
    until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (routeThreads() > 0 && System.nanoTime() < until) {
      Thread.sleep(10);
    }
    assertEquals(0, routeThreads(), "the threads that ran hello-c's requests end with the chain");
  }

  static long routeThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("wasi-http-proxy-c-to-hello-c-"))
        .count();
  }

  @Test
  void requestsGoOnlyDownTheChainAndTheLastMembersGoToTheNetwork() throws Exception {
    // b names a, which comes before it: that request goes to the network, where the default
    // policy denies it; so a chain cannot loop.
    WasiHttpChain c =
        chain(member("a", Samples.PROXY_C, "http://b"), member("b", Samples.PROXY_C, "http://a"));
    MemoryExchange x = run(c, new MemoryExchange("GET", "/"));
    assertEquals(List.of("respond 502", "finish"), x.calls);
    assertEquals("HTTP-request-denied", x.header("x-proxy-error"), "b's answer, through a");
    assertTrue(LOG.contains("[b] outgoing request to http://a denied by policy"), LOG::toString);
  }

  @Test
  void namesAreHostNamesAndDistinct() throws Exception {
    WasiHttpChain.Member hello = member("hello-c", Samples.HELLO_C, null);
    assertThrows(
        IllegalArgumentException.class,
        () -> WasiHttpChain.create(List.of(hello, member("hello c", Samples.HELLO_C, null))));
    assertThrows(
        IllegalArgumentException.class,
        () -> WasiHttpChain.create(List.of(hello, member("HELLO-C", Samples.HELLO_C, null))));
    assertThrows(IllegalArgumentException.class, () -> WasiHttpChain.create(List.of()));
  }

  static String header(List<HttpField> fields, String name) {
    return fields.stream()
        .filter(f -> f.name().equalsIgnoreCase(name))
        .map(HttpField::latin1Value)
        .findFirst()
        .orElse(null);
  }
}
