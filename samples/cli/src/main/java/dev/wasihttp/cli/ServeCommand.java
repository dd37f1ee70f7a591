package dev.wasihttp.cli;

import dev.wasihttp.component.EngineMode;
import dev.wasihttp.component.InstancePool;
import dev.wasihttp.http.Timeouts;
import dev.wasihttp.http.client.OutboundPolicy;
import dev.wasihttp.http.proxy.WasiHttpConfig;
import dev.wasihttp.servlet.ChainMember;
import dev.wasihttp.servlet.OptionValues;
import dev.wasihttp.servlet.WasiHttpServlet;
import dev.wasihttp.servlet.WasiHttpServletOptions;
import jakarta.servlet.ServletException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;

/**
 * {@code serve [--port N] [--addr HOST] [--env K=V]... [--dir HOST[::GUEST]] [--allow ENTRY]...
 * [--trust-store FILE.p12 [--trust-store-password PW]] [--engine MODE [--compile-cache DIR]]
 * [--pool N] [--pool-idle-timeout DURATION] [--timeout DURATION] [--max-concurrent N]
 * [--max-concurrent-wait DURATION] [--max-body SIZE] [--max-memory SIZE] [--max-host-memory SIZE]
 * [--shutdown-timeout DURATION] [--reload] [--route /PREFIX=COMPONENT.wasm]... [--strip-prefix]
 * [COMPONENT.wasm | --chain A.wasm [NAME=]B.wasm...]}: serves the component with {@link
 * WasiHttpServlet} at {@code /} on embedded Jetty 12, HTTP/1.1 and h2c (HTTP/2 without TLS, by
 * upgrade or prior knowledge) on one port. Defaults: address 127.0.0.1, port 8080; {@code --port 0}
 * picks a free port. Prints {@code Listening on http://HOST:PORT/} once requests are accepted;
 * guest output and errors go to standard error through Jetty's log. {@code --allow} entries make
 * the outbound policy; {@code --trust-store} is a PKCS12 (or JKS) key store whose certificates
 * outgoing TLS connections trust instead of the JDK's. {@code --pool} and {@code
 * --pool-idle-timeout} set the instance pool ({@link WasiHttpConfig#pool()}, the servlet's {@code
 * pool} and {@code poolIdleTimeout} init-params); the limits are the servlet's init-params of the
 * same names ({@code --max-body} is {@code maxBody}). {@code --reload} is the servlets' {@code
 * reload} init-param (development: a component is loaded again when its file changes).
 *
 * <p>Several components: each {@code --route /PREFIX=COMPONENT.wasm} serves {@code /PREFIX} and
 * every path below it with a servlet of its own (its own instances, limits, counters; the flags
 * above apply to each alike), the longest matching prefix winning ({@link Route}); the positional
 * component, or {@code --route /=...}, serves every path no other route takes, and without one such
 * a path gets 404. The guest sees the full path ({@code /PREFIX/x}), as under Spin; with {@code
 * --strip-prefix} (the servlets' {@code stripServletPath}) it sees {@code /x}. A malformed prefix,
 * or one given twice, is a usage error.
 *
 * <p>{@code --chain A.wasm B.wasm...} serves A as the positional component, with the others chained
 * after it (the servlet's {@code chain} init-param): each member's outgoing requests for its own
 * origin go to the next member, and those for {@code http://NAME} to the later member of that name,
 * in process; every flag above applies to each member. Not with {@code --reload}.
 *
 * <p>On SIGTERM (or Ctrl-C) the server stops gracefully: it accepts no more connections and answers
 * new requests on open ones with 503, lets requests in flight finish with their connections open
 * for up to {@code --shutdown-timeout} (Jetty's {@link GracefulHandler} and stop timeout), then
 * closes the connections and closes the servlet's handler, which interrupts the guests still
 * running at once (their clients see an aborted response), and the process exits.
 */
final class ServeCommand {
  static final String USAGE =
      "usage: wasi-http serve [--port N] [--addr HOST] [--env K=V]... [--dir HOST[::GUEST]]"
          + " [--allow scheme://host[:port]]..."
          + " [--trust-store FILE.p12 [--trust-store-password PW]]"
          + " [--engine auto|compiler|interpreter [--compile-cache DIR|none]]"
          + " [--pool N] [--pool-idle-timeout DURATION]"
          + " [--timeout DURATION] [--max-concurrent N] [--max-concurrent-wait DURATION]"
          + " [--max-body SIZE] [--max-memory SIZE] [--max-host-memory SIZE]"
          + " [--shutdown-timeout DURATION] [--reload]"
          + " [--route /PREFIX=COMPONENT.wasm]... [--strip-prefix]"
          + " [COMPONENT.wasm | --chain A.wasm [NAME=]B.wasm...]\n"
          + "  --pool N                      instances kept ready, each reset to its image after a"
          + " request (default "
          + InstancePool.Config.DEFAULT.maxIdle()
          + "; 0: a fresh instance per request)\n"
          + "  --pool-idle-timeout DURATION  how long a ready instance may wait unused before it is"
          + " dropped (default "
          + InstancePool.Config.DEFAULT.idleTimeout().toSeconds()
          + "s; 30s, 500ms, 10m, PT1M)\n"
          + "  --timeout DURATION            a request's deadline: then the guest is interrupted,"
          + " 504 (default 60s; 0: none)\n"
          + "  --max-concurrent N            guest calls at once (default 64); more wait"
          + " --max-concurrent-wait (default 1s), then 503 with Retry-After\n"
          + "  --max-body SIZE               largest request body, else 413 (default 1GiB;"
          + " 512KiB, 256MiB, bytes)\n"
          + "  --max-memory SIZE             linear memory per instance; memory.grow fails"
          + " beyond (default 256MiB)\n"
          + "  --max-host-memory SIZE        host-side bytes per request (resources, fields,"
          + " buffered bodies); the guest traps beyond (default 16MiB)\n"
          + "  --shutdown-timeout DURATION   on SIGTERM, how long requests in flight may finish"
          + " (default 10s)\n"
          + "  --reload                      development: load a component again when its file"
          + " changes, without a restart\n"
          + "  --route /PREFIX=COMPONENT     serve /PREFIX and the paths below it with COMPONENT"
          + " (longest prefix wins; COMPONENT.wasm alone, or --route /=..., takes the rest;"
          + " unrouted paths get 404); each route has its own pool and limits\n"
          + "  --strip-prefix                a routed component sees paths without its prefix"
          + " (/PREFIX/x as /x; default: the full path)\n"
          + "  --chain A.wasm B.wasm...      serves A; a member's requests for its own origin go to"
          + " the next member, for http://NAME to the later member NAME (its file name without"
          + " .wasm, or NAME=B.wasm), in process; every other flag applies to each member";

  /** Where the trust store's password comes from when {@code --trust-store-password} is absent. */
  static final String TRUST_STORE_PASSWORD_ENV = "WASI_HTTP_TRUST_STORE_PASSWORD";

  private ServeCommand() {}

  static int run(String[] args, PrintStream out, PrintStream err) {
    Server server = start(args, out, err);
    if (server == null) {
      return Main.ERROR;
    }
    try {
      server.join();
      return Main.OK;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Main.OK;
    }
  }

  /**
   * Starts the server and prints the listening line; returns it running, or null after printing
   * {@code error: ...} to {@code err} (bad usage, a component that cannot load, a busy port).
   */
  static Server start(String[] argv, PrintStream out, PrintStream err) {
    Args args;
    try {
      args = parse(argv);
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      err.println(USAGE);
      return null;
    }
    if (args.routes().isEmpty()) {
      err.println("error: no component given");
      err.println(USAGE);
      return null;
    }
    WasiHttpServletOptions.Builder options = args.options();
    String trustStore = args.trustStore();
    String trustStorePassword = args.trustStorePassword();
    if (trustStore != null) {
      if (trustStorePassword == null) {
        // Kept out of the command line (ps, shell history) when it comes from the environment.
        trustStorePassword = System.getenv(TRUST_STORE_PASSWORD_ENV);
      }
      Path store = Path.of(trustStore).toAbsolutePath();
      if (!Files.isRegularFile(store)) {
        err.println("error: --trust-store: cannot read " + trustStore + ": no such file");
        return null;
      }
      options.trustStore(store.toString(), trustStorePassword, null);
    } else if (trustStorePassword != null) {
      err.println("error: --trust-store-password without --trust-store");
      err.println(USAGE);
      return null;
    }
    List<String> chain = new ArrayList<>();
    for (String entry : args.chain()) {
      ChainMember m;
      try {
        m = ChainMember.parse(entry);
      } catch (IllegalArgumentException e) {
        err.println("error: --chain: " + e.getMessage());
        return null;
      }
      Path file = Path.of(m.location()).toAbsolutePath();
      if (!Files.isRegularFile(file)) {
        err.println("error: --chain: cannot read " + m.location() + ": no such file");
        return null;
      }
      chain.add(m.name() + "=" + file);
    }
    if (options.build().dir() != null && !Files.isDirectory(options.build().dir())) {
      err.println("error: --dir: not a directory: " + options.build().dir());
      return null;
    }
    Map<Route, WasiHttpServletOptions> servlets = new LinkedHashMap<>();
    for (Route route : args.routes()) {
      Path path = Path.of(route.component()).toAbsolutePath();
      if (!Files.isRegularFile(path)) {
        err.println("error: cannot read " + route.component() + ": no such file");
        return null;
      }
      // The chain is the positional component's: it serves the catch-all route.
      boolean chained = route.prefix().equals(Route.ALL) && args.component() != null;
      try {
        servlets.put(
            route, options.component(path.toString()).chain(chained ? chain : List.of()).build());
      } catch (IllegalArgumentException e) {
        err.println("error: --chain: " + e.getMessage());
        return null;
      }
    }
    return listen(args.addr(), args.port(), servlets, out, err);
  }

  /**
   * What the command line says: where to listen, the positional component as given (the first of
   * {@code --chain}) and the {@code [NAME=]FILE} entries chained after it, every route (the
   * positional component's as the catch-all {@code /}), longest prefix first, the trust store's
   * file and password as given, and the servlets' options so far (all but the component and the
   * trust store, which {@link #start} checks and adds; the same for every route).
   */
  record Args(
      String addr,
      int port,
      String component,
      List<String> chain,
      List<Route> routes,
      WasiHttpServletOptions.Builder options,
      String trustStore,
      String trustStorePassword) {}

  /**
   * Parses the arguments; the component is null when none was given.
   *
   * @throws IllegalArgumentException naming the option whose value is bad, or an unexpected
   *     argument
   */
  static Args parse(String[] args) {
    String addr = "127.0.0.1";
    int port = 8080;
    String component = null;
    List<String> chain = null;
    WasiHttpServletOptions.Builder options = WasiHttpServletOptions.builder();
    WasiHttpConfig.Builder http = WasiHttpConfig.builder();
    List<String> allowed = new ArrayList<>();
    List<String> routes = new ArrayList<>();
    String trustStore = null;
    String trustStorePassword = null;
    EngineMode engine = EngineMode.AUTO;
    String compileCache = null;
    int pool = InstancePool.Config.DEFAULT.maxIdle();
    Duration poolIdleTimeout = InstancePool.Config.DEFAULT.idleTimeout();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--port":
          try {
            port = Integer.parseInt(value(args, ++i, a));
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port: not a number: " + e.getMessage(), e);
          }
          if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port: out of range: " + port);
          }
          break;
        case "--addr":
          addr = value(args, ++i, a);
          break;
        case "--env":
          {
            String kv = value(args, ++i, a);
            int eq = kv.indexOf('=');
            if (eq <= 0) {
              throw new IllegalArgumentException("--env: expected K=V, got \"" + kv + "\"");
            }
            options.env(kv.substring(0, eq), kv.substring(eq + 1));
            break;
          }
        case "--dir":
          options.dirSpec(value(args, ++i, a));
          break;
        case "--allow":
          allowed.add(value(args, ++i, a));
          // Parsed as a whole so a bad entry is an error before anything starts.
          http.outboundPolicy(OutboundPolicy.parse(allowed));
          break;
        case "--engine":
          try {
            engine = EngineMode.parse(value(args, ++i, a));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--engine: " + e.getMessage(), e);
          }
          break;
        case "--compile-cache":
          compileCache = value(args, ++i, a);
          break;
        case "--pool":
          pool = OptionValues.count(a, value(args, ++i, a), 0, "instances");
          break;
        case "--pool-idle-timeout":
          poolIdleTimeout = OptionValues.duration(a, value(args, ++i, a), false, Timeouts.MAX);
          break;
        case "--timeout":
          http.timeout(OptionValues.duration(a, value(args, ++i, a), true, Timeouts.MAX));
          break;
        case "--max-concurrent":
          http.maxConcurrent(OptionValues.count(a, value(args, ++i, a), 1, "concurrent calls"));
          break;
        case "--max-concurrent-wait":
          http.maxConcurrentWait(OptionValues.duration(a, value(args, ++i, a), true, Timeouts.MAX));
          break;
        case "--max-body":
          http.maxBody(OptionValues.size(a, value(args, ++i, a)));
          break;
        case "--max-memory":
          http.maxMemory(OptionValues.size(a, value(args, ++i, a)));
          break;
        case "--max-host-memory":
          http.maxHostMemory(OptionValues.size(a, value(args, ++i, a)));
          break;
        case "--shutdown-timeout":
          http.shutdownTimeout(OptionValues.duration(a, value(args, ++i, a), true, Timeouts.MAX));
          break;
        case "--trust-store":
          trustStore = value(args, ++i, a);
          break;
        case "--trust-store-password":
          trustStorePassword = value(args, ++i, a);
          break;
        case "--reload":
          options.reload(true);
          break;
        case "--route":
          routes.add(value(args, ++i, a));
          break;
        case "--strip-prefix":
          options.stripServletPath(true);
          break;
        case "--chain":
          if (chain != null || component != null) {
            throw new IllegalArgumentException(
                "--chain names the positional component and those after it: no other, and one"
                    + " --chain");
          }
          chain = new ArrayList<>();
          while (i + 1 < args.length && !args[i + 1].startsWith("--")) {
            chain.add(args[++i]);
          }
          if (chain.size() < 2) {
            throw new IllegalArgumentException("--chain: expected two components or more");
          }
          break;
        default:
          if (a.startsWith("--") || component != null || chain != null) {
            throw new IllegalArgumentException("unexpected argument \"" + a + "\"");
          }
          component = a;
      }
    }
    if (chain != null) {
      component = chain.remove(0);
    }
    options.engine(WasiHttpServletOptions.engineOptions(engine, compileCache));
    options.http(http.pool(new InstancePool.Config(pool, poolIdleTimeout)).build());
    return new Args(
        addr,
        port,
        component,
        chain == null ? List.of() : List.copyOf(chain),
        Route.all(routes, component),
        options,
        trustStore,
        trustStorePassword);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + ": missing value");
    }
    return args[i];
  }

  /** Serves each route's servlet, with its options, on one connector. */
  private static Server listen(
      String addr,
      int port,
      Map<Route, WasiHttpServletOptions> servlets,
      PrintStream out,
      PrintStream err) {
    Server server = new Server();
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    ServerConnector connector =
        new ServerConnector(
            server, new HttpConnectionFactory(http), new HTTP2CServerConnectionFactory(http));
    connector.setHost(addr);
    connector.setPort(port);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    // Jetty's graceful stop gives requests in flight the grace, with their connections open; the
    // handler, closed after it, then interrupts what is left at once instead of waiting again.
    Duration grace = Duration.ZERO;
    List<ServletHolder> holders = new ArrayList<>();
    for (Map.Entry<Route, WasiHttpServletOptions> servlet : servlets.entrySet()) {
      WasiHttpServletOptions options = servlet.getValue();
      grace = options.http().shutdownTimeout(); // the same for every route
      WasiHttpServletOptions servletOptions =
          options.toBuilder()
              .http(options.http().toBuilder().shutdownTimeout(Duration.ZERO).build())
              .build();
      ServletHolder holder =
          new ServletHolder(servlet.getKey().servletName(), new WasiHttpServlet(servletOptions));
      holder.setInitOrder(1);
      context.addServlet(holder, servlet.getKey().mapping());
      holders.add(holder);
    }
    // A component that cannot load fails the start instead of leaving a server answering 503.
    context.getServletHandler().setStartWithUnavailable(false);
    server.setHandler(new GracefulHandler(context));
    server.setStopTimeout(grace.toMillis());
    server.setStopAtShutdown(true);
    try {
      server.start();
      for (ServletHolder holder : holders) {
        if (!holder.isAvailable()) {
          throw new IllegalStateException(
              "the servlet is unavailable", holder.getUnavailableException());
        }
      }
    } catch (Exception e) {
      err.println("error: " + reason(e));
      try {
        server.stop();
      } catch (Exception ignored) {
        // already reported
      }
      return null;
    }
    String host = addr.indexOf(':') >= 0 ? "[" + addr + "]" : addr;
    out.println("Listening on http://" + host + ":" + connector.getLocalPort() + "/");
    out.flush();
    return server;
  }

  /** The servlet's own message when its init failed, else the failure as Jetty reports it. */
  private static String reason(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ServletException) {
        return t.getMessage();
      }
      for (Throwable s : t.getSuppressed()) {
        if (s instanceof ServletException) {
          return s.getMessage();
        }
      }
    }
    return e.getMessage() != null ? e.getMessage() : e.toString();
  }
}
