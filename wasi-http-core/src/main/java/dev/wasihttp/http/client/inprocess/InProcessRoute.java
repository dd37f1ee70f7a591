package dev.wasihttp.http.client.inprocess;

import dev.wasihttp.http.ExchangeHandler;
import dev.wasihttp.http.IncomingRequestHead;
import dev.wasihttp.http.client.OutgoingRequest;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Predicate;

/**
 * One destination of outgoing requests served in process by {@link InProcessRouting}: which
 * requests ({@link #matcher()}), the {@link ExchangeHandler} that serves them (another component's
 * {@code WasiHttpHandler}, a plain Java handler), and the thread each runs on. Immutable.
 *
 * <p>Threads: the handler runs on a thread of its own, never the guest's (the guest goes on writing
 * the request body and reading the response while it runs). Either the routing handler keeps a pool
 * of at most {@code maxThreads} daemon threads per {@code WasiHttpHandler} it serves, idle ones
 * ending after a while and all of them stopped when that handler closes, and a request that finds
 * them all busy is answered 503 with {@code Retry-After: 1} at once ({@link #to(String, Predicate,
 * ExchangeHandler, int)}); or each request's run is handed to an {@link Executor} the caller owns
 * ({@link #to(String, Predicate, ExchangeHandler, Executor)}), whose {@code execute} is called on
 * the guest's own thread during {@code outgoing-handler.handle}, so that it can tell which request
 * it serves (a servlet filter hands the run to the container thread waiting for it); a {@link
 * java.util.concurrent.RejectedExecutionException} is answered as a busy pool is.
 */
public final class InProcessRoute {
  private final String name;
  private final Predicate<OutgoingRequest> matcher;
  private final ExchangeHandler handler;
  private final Executor executor;
  private final int maxThreads;

  private InProcessRoute(
      String name,
      Predicate<OutgoingRequest> matcher,
      ExchangeHandler handler,
      Executor executor,
      int maxThreads) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("an in-process route needs a name");
    }
    this.name = name;
    this.matcher = Objects.requireNonNull(matcher, "matcher");
    this.handler = Objects.requireNonNull(handler, "handler");
    this.executor = executor;
    this.maxThreads = maxThreads;
  }

  /**
   * A route whose requests run on a pool of at most {@code maxThreads} threads of the routing
   * handler's own (see the class).
   *
   * @param name the destination's name in log lines ({@code [name] ...}) and thread names
   * @param matcher which requests it serves, e.g. {@link #ownOrigin()} or {@link #host(String)}
   * @throws IllegalArgumentException if {@code maxThreads} is below 1 or the name is blank
   */
  public static InProcessRoute to(
      String name, Predicate<OutgoingRequest> matcher, ExchangeHandler handler, int maxThreads) {
    if (maxThreads < 1) {
      throw new IllegalArgumentException("maxThreads must be at least 1, got " + maxThreads);
    }
    return new InProcessRoute(name, matcher, handler, null, maxThreads);
  }

  /**
   * A route whose requests run on {@code executor}, which the caller owns and stops (see the
   * class).
   */
  public static InProcessRoute to(
      String name, Predicate<OutgoingRequest> matcher, ExchangeHandler handler, Executor executor) {
    return new InProcessRoute(name, matcher, handler, Objects.requireNonNull(executor), 0);
  }

  /**
   * Requests for the guest's own origin: the outgoing request's scheme and authority are those of
   * the incoming request its guest serves ({@link OutgoingRequest#incoming()}), the host compared
   * without regard to case and a missing port taken as the scheme's default. An incoming request
   * without an authority has no origin to match.
   *
   * <p>The incoming authority is what the client addressed (its {@code Host}): a client can thus
   * make a request the guest sends to that host come here instead of going to the network. Route a
   * guest's own origin only to handlers it may reach for any host a client can name.
   */
  public static Predicate<OutgoingRequest> ownOrigin() {
    return q -> {
      IncomingRequestHead in = q.incoming();
      if (in == null || in.authority() == null || in.scheme() == null) {
        return false;
      }
      String scheme = in.scheme().toLowerCase(Locale.ROOT);
      return scheme.equals(q.scheme()) && origin(q).equals(origin(scheme, in.authority()));
    };
  }

  /**
   * Requests for the host {@code name}, any scheme and port: a name the embedder gives a
   * destination ({@code http://name/...}), compared without regard to case.
   *
   * @throws IllegalArgumentException unless {@code name} is a host name: letters, digits, {@code
   *     -}, {@code .} and {@code _}
   */
  public static Predicate<OutgoingRequest> host(String name) {
    if (!isHostName(name)) {
      throw new IllegalArgumentException(
          "not a host name: \"" + name + "\" (letters, digits, '-', '.' and '_')");
    }
    String lower = name.toLowerCase(Locale.ROOT);
    return q -> q.host().toLowerCase(Locale.ROOT).equals(lower);
  }

  /** Whether {@code s} is a name {@link #host(String)} takes. */
  public static boolean isHostName(String s) {
    if (s == null || s.isEmpty() || s.length() > 253) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '.'
              || c == '_';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** The destination's name, in log lines and thread names. */
  public String name() {
    return name;
  }

  /** Which outgoing requests this route serves. */
  public Predicate<OutgoingRequest> matcher() {
    return matcher;
  }

  /** What serves them. */
  public ExchangeHandler handler() {
    return handler;
  }

  /** The caller's executor, or null: a pool of the routing handler's own, {@link #maxThreads()}. */
  public Executor executor() {
    return executor;
  }

  /**
   * The most threads of the routing handler's own pool; 0 with the caller's {@link #executor()}.
   */
  public int maxThreads() {
    return maxThreads;
  }

  @Override
  public String toString() {
    return "InProcessRoute{"
        + name
        + (executor == null ? ", maxThreads=" + maxThreads : ", executor=" + executor)
        + "}";
  }

  /** {@code host:port} lower case, the port explicit. */
  private static String origin(OutgoingRequest q) {
    return q.host().toLowerCase(Locale.ROOT) + ":" + q.port();
  }

  /** As {@link #origin(OutgoingRequest)}, or null for an authority with a malformed port. */
  private static String origin(String scheme, String authority) {
    String host = authority.toLowerCase(Locale.ROOT);
    int port = scheme.equals("http") ? 80 : 443;
    int colon = host.lastIndexOf(':');
    if (colon >= 0 && colon > host.lastIndexOf(']')) {
      String digits = host.substring(colon + 1);
      host = host.substring(0, colon);
      if (!digits.isEmpty()) { // "host:" names the default port
        if (digits.length() > 5 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
          return null;
        }
        port = Integer.parseInt(digits);
      }
    }
    return host + ":" + port;
  }
}
