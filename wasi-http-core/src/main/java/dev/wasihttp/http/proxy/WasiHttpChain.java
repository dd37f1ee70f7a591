package dev.wasihttp.http.proxy;

import dev.wasihttp.component.Component;
import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.http.ExchangeHandler;
import dev.wasihttp.http.HttpExchange;
import dev.wasihttp.http.client.OutgoingRequest;
import dev.wasihttp.http.client.inprocess.InProcessRoute;
import dev.wasihttp.http.client.inprocess.InProcessRouting;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Components chained in process: the first member serves the requests {@link #handle} is given;
 * each member's outgoing requests for its own origin go to the next member, and those for the name
 * of any later member ({@code http://NAME/...}, the member's {@link
 * WasiHttpConfig#componentName()}) to that member, without a socket, streaming both ways (see
 * {@link InProcessRouting}); the outbound policy does not apply to them. Every other request goes
 * to the network through the member's own {@link WasiHttpConfig#outgoingHandler()} under its own
 * {@link WasiHttpConfig#outboundPolicy()}. Requests only ever go down the chain, so it has an end:
 * the last member's requests all go to the network (and the default policy denies them all).
 *
 * <pre>{@code
 * WasiHttpChain chain = WasiHttpChain.create(List.of(
 *     new WasiHttpChain.Member(proxy, WasiHttpConfig.builder().componentName("proxy").build()),
 *     new WasiHttpChain.Member(hello, WasiHttpConfig.builder().componentName("hello").build())));
 * chain.handle(exchange); // proxy runs; its requests to its own origin or to http://hello/ reach hello
 * }</pre>
 *
 * <p>Each member is a {@link WasiHttpHandler} of its own, with its own instance pool and limits
 * (deadline, concurrency, body size, memory): a request to a member runs on a thread of a pool the
 * caller's outgoing handler keeps for that member, at most twice the member's {@link
 * WasiHttpConfig#maxConcurrent()} threads (as many running as it admits, as many waiting their
 * turn), and beyond those is answered 503 with {@code Retry-After} at once. A member that fails
 * never fails its caller's thread: the caller sees its answer, or its request fail ({@code
 * connection-terminated} for a trap, {@code HTTP-response-timeout} for a deadline).
 *
 * <p>A member's own origin is what the client addressed (its {@code Host}): a client can send a
 * member's requests for any host it names to the next member instead of the network. Chain behind a
 * member only components it may reach for any host.
 *
 * <p>Thread-safe, as its handlers are; {@link #close} closes them from the first to the last.
 */
public final class WasiHttpChain implements ExchangeHandler, AutoCloseable {
  /**
   * One member: its component and configuration, whose {@link WasiHttpConfig#componentName()} is
   * its name (a host name for every member but the first, which nothing routes to).
   */
  public record Member(Component component, WasiHttpConfig config) {
    public Member {
      Objects.requireNonNull(component, "component");
      Objects.requireNonNull(config, "config");
    }

    /** The member's name: its configuration's component name. */
    public String name() {
      return config.componentName();
    }
  }

  private final List<WasiHttpHandler> handlers;

  private WasiHttpChain(List<WasiHttpHandler> handlers) {
    this.handlers = Collections.unmodifiableList(handlers);
  }

  /**
   * Links every member, from the last to the first, each with an outgoing handler that routes to
   * the members after it (see the class).
   *
   * @throws IllegalArgumentException for no member, two members of one name (case ignored), or a
   *     member after the first whose name is not a host name ({@link InProcessRoute#isHostName})
   * @throws ComponentException as {@link WasiHttpHandler#create}, its detail naming the first
   *     member that fails ({@code chain member NAME: ...}); the members linked already are closed
   */
  public static WasiHttpChain create(List<Member> members) throws ComponentException {
    check(members);
    WasiHttpHandler[] handlers = new WasiHttpHandler[members.size()];
    try {
      for (int i = members.size() - 1; i >= 0; i--) {
        Member m = members.get(i);
        List<InProcessRoute> routes = new ArrayList<>();
        if (i + 1 < members.size()) {
          routes.add(route(members.get(i + 1), handlers[i + 1], InProcessRoute.ownOrigin()));
        }
        for (int j = i + 1; j < members.size(); j++) {
          Member later = members.get(j);
          routes.add(route(later, handlers[j], InProcessRoute.host(later.name())));
        }
        WasiHttpConfig config =
            routes.isEmpty()
                ? m.config()
                : m.config().toBuilder()
                    .outgoingHandler(InProcessRouting.of(routes, m.config().outgoingHandler()))
                    .build();
        try {
          handlers[i] = WasiHttpHandler.create(m.component(), config);
        } catch (ComponentException e) {
          throw new ComponentException(
              e.kind(), e.offset(), "chain member " + m.name() + ": " + e.detail(), e);
        }
      }
    } catch (ComponentException | RuntimeException e) {
      for (WasiHttpHandler h : handlers) {
        if (h != null) {
          h.close();
        }
      }
      throw e;
    }
    return new WasiHttpChain(List.of(handlers));
  }

  private static InProcessRoute route(
      Member to, WasiHttpHandler handler, Predicate<OutgoingRequest> matcher) {
    return InProcessRoute.to(to.name(), matcher, handler, 2 * to.config().maxConcurrent());
  }

  private static void check(List<Member> members) {
    if (members.isEmpty()) {
      throw new IllegalArgumentException("a chain needs at least one member");
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < members.size(); i++) {
      String name = members.get(i).name();
      if (i > 0 && !InProcessRoute.isHostName(name)) {
        throw new IllegalArgumentException(
            "chain member \""
                + name
                + "\": its name must be a host name (letters, digits, '-', '.', '_'): it is"
                + " reached as http://NAME/");
      }
      if (!names.add(name.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("two chain members are named \"" + name + "\"");
      }
    }
  }

  /** The members' handlers, the first serving {@link #handle}. */
  public List<WasiHttpHandler> handlers() {
    return handlers;
  }

  /** The first member's handler, which serves the requests {@link #handle} is given. */
  public WasiHttpHandler first() {
    return handlers.get(0);
  }

  /** Runs {@code exchange} on the first member, as {@link WasiHttpHandler#handle} does. */
  @Override
  public void handle(HttpExchange exchange) {
    first().handle(exchange);
  }

  /**
   * Closes the members from the first to the last, each as {@link WasiHttpHandler#close} does, so a
   * member's requests in flight may still reach the members after it while they finish; each
   * member's wait counts on its own, so this returns within the sum of theirs.
   */
  @Override
  public void close() {
    for (WasiHttpHandler h : handlers) {
      h.close();
    }
  }
}
