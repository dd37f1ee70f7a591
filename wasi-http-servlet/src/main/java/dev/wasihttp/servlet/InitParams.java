package dev.wasihttp.servlet;

import dev.wasihttp.component.EngineMode;
import dev.wasihttp.component.EngineOptions;
import dev.wasihttp.component.InstancePool;
import dev.wasihttp.http.Timeouts;
import dev.wasihttp.http.client.OutboundPolicy;
import dev.wasihttp.http.client.jetty.JettyOutgoingHandler;
import dev.wasihttp.http.proxy.WasiHttpConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The init-params of {@link WasiHttpServlet} and {@link WasiHttpFilter}, by name: the constants
 * below are the names that web.xml, annotations, {@code ServletRegistration} and {@code
 * WEB-INF/wasm/NAME.properties} give, and that the Spring Boot properties {@code
 * wasi-http.components.NAME.*} stand for. The README's "WasiHttpServlet configuration" table gives
 * each one's default and meaning. {@link WasiHttpServletOptions#fromInitParameters} reads them into
 * the options its builder makes, with messages that name the init-param.
 */
public final class InitParams {
  private InitParams() {}

  /** Init-param: the component location. */
  public static final String COMPONENT = "component";

  /** Init-param: the component's name in logs. */
  public static final String COMPONENT_NAME = "componentName";

  /**
   * Init-param: the components chained after {@link #COMPONENT}, in order, separated by commas or
   * white space, each {@code [NAME=]LOCATION} (located as {@link #COMPONENT} is; the name defaults
   * to the file's name without {@code .wasm}, and must be a host name): each member's outgoing
   * requests for its own origin go to the next member, and those for {@code http://NAME} to that
   * later member, in process (see {@link dev.wasihttp.http.proxy.WasiHttpChain}). Every member runs
   * with this servlet's options; not with {@value #RELOAD}; none by default.
   */
  public static final String CHAIN = "chain";

  /** Init-param prefix: {@code env.NAME} sets the guest's environment variable NAME. */
  public static final String ENV_PREFIX = "env.";

  /** Init-param: {@code HOSTDIR[::GUESTPATH]}, a read-only directory for the guest. */
  public static final String DIR = "dir";

  /**
   * Init-param: how the component's core code runs: {@code auto} (the default: Chicory's compiler,
   * once when the servlet starts, for every core module but one with more than 1 MiB of code whose
   * compiled classes are not at hand), {@code compiler} (every module) or {@code interpreter}; see
   * {@link dev.wasihttp.component.EngineMode}.
   */
  public static final String ENGINE = "engine";

  /**
   * Init-param: unless {@link #ENGINE} is {@code interpreter}, the directory where compiled modules
   * are kept across restarts, or {@code none}; default {@link EngineOptions#defaultCompileCache()}.
   */
  public static final String COMPILE_CACHE = "compileCache";

  /** Init-param: {@code true} to strip the servlet path as well as the context path. */
  public static final String STRIP_SERVLET_PATH = "stripServletPath";

  /** Init-param: the authority used when the client sent none. */
  public static final String CANONICAL_AUTHORITY = "canonicalAuthority";

  /** Init-param: comma-separated names for {@link WasiHttpConfig#forbiddenHeaders()}. */
  public static final String FORBIDDEN_HEADERS = "forbiddenHeaders";

  /** Init-param: {@link WasiHttpConfig#maxFieldSize()}, in bytes. */
  public static final String MAX_FIELD_SIZE = "maxFieldSize";

  /**
   * Init-param: {@link WasiHttpConfig#timeout()}, a duration ({@code 30s}, {@code 500ms}, {@code
   * 10m}, plain seconds, ISO-8601 {@code PT30S}; see {@link OptionValues#duration}), {@code 0} for
   * none; default {@code 60s}.
   */
  public static final String TIMEOUT = "timeout";

  /** Init-param: {@link WasiHttpConfig#maxConcurrent()}, at least 1; default 64. */
  public static final String MAX_CONCURRENT = "maxConcurrent";

  /** Init-param: {@link WasiHttpConfig#maxConcurrentWait()}, a duration; default {@code 1s}. */
  public static final String MAX_CONCURRENT_WAIT = "maxConcurrentWait";

  /**
   * Init-param: {@link WasiHttpConfig#maxBody()}, a size ({@code 1GiB}, {@code 512MiB}, bytes; see
   * {@link OptionValues#size}); default {@code 1GiB}.
   */
  public static final String MAX_BODY = "maxBody";

  /** Init-param: {@link WasiHttpConfig#maxMemory()}, a size; default {@code 256MiB}. */
  public static final String MAX_MEMORY = "maxMemory";

  /** Init-param: {@link WasiHttpConfig#maxHostMemory()}, a size; default {@code 16MiB}. */
  public static final String MAX_HOST_MEMORY = "maxHostMemory";

  /**
   * Init-param: {@link WasiHttpConfig#shutdownTimeout()}, how long {@code destroy()} lets requests
   * in flight finish, a duration; default {@code 10s}.
   */
  public static final String SHUTDOWN_TIMEOUT = "shutdownTimeout";

  /**
   * Init-param: {@link InstancePool.Config#maxIdle()} of {@link WasiHttpConfig#pool()}, the
   * instances kept ready (reset to their image after each request) for the next requests; {@code 0}
   * makes a fresh instance per request; default 16 ({@link InstancePool.Config#DEFAULT}).
   */
  public static final String POOL = "pool";

  /**
   * Init-param: {@link InstancePool.Config#idleTimeout()} of {@link WasiHttpConfig#pool()}, how
   * long a ready instance may wait unused before it is dropped (same syntax as {@link #TIMEOUT},
   * positive); default {@code 60s} ({@link InstancePool.Config#DEFAULT}).
   */
  public static final String POOL_IDLE_TIMEOUT = "poolIdleTimeout";

  /**
   * Init-param: {@link WasiHttpConfig#outboundPolicy()}, its entries separated by commas or white
   * space.
   */
  public static final String ALLOW_OUTBOUND = "allowOutbound";

  /** Init-param: {@link JettyOutgoingHandler.Options#connectTimeout()}. */
  public static final String OUTBOUND_CONNECT_TIMEOUT = "outboundConnectTimeout";

  /** Init-param: {@link JettyOutgoingHandler.Options#firstByteTimeout()}. */
  public static final String OUTBOUND_FIRST_BYTE_TIMEOUT = "outboundFirstByteTimeout";

  /** Init-param: {@link JettyOutgoingHandler.Options#betweenBytesTimeout()}. */
  public static final String OUTBOUND_BETWEEN_BYTES_TIMEOUT = "outboundBetweenBytesTimeout";

  /**
   * Init-param: a key store whose certificates become {@link
   * JettyOutgoingHandler.Options#sslContext()} when the servlet starts.
   */
  public static final String TRUST_STORE = "trustStore";

  /** Init-param: the password of {@value #TRUST_STORE}. */
  public static final String TRUST_STORE_PASSWORD = "trustStorePassword";

  /** Init-param: the format of {@value #TRUST_STORE}. */
  public static final String TRUST_STORE_TYPE = "trustStoreType";

  /**
   * Init-param: the ServletContext attribute whose HttpClient becomes {@link
   * JettyOutgoingHandler.Options#httpClient()} when the servlet starts.
   */
  public static final String HTTP_CLIENT_ATTRIBUTE = "httpClientAttribute";

  /**
   * Init-param: {@code true} to swap the component when its file changes, without restarting the
   * container; for development. Only a component that is a file is watched: a path, a {@code file:}
   * URI, or a {@code /WEB-INF/…} resource that the container has unpacked on disk ({@code
   * ServletContext.getRealPath}); for any other the servlet logs once why it cannot watch and
   * serves the component as loaded. Default {@code false}.
   */
  public static final String RELOAD = "reload";

  /**
   * Init-param: how often {@value #RELOAD} looks at the component's file (same syntax as {@link
   * #TIMEOUT}, positive); default {@code 1s} ({@link
   * WasiHttpServletOptions#DEFAULT_RELOAD_INTERVAL}).
   */
  public static final String RELOAD_INTERVAL = "reloadInterval";

  /**
   * Every init-param name the servlet reads but the {@value #ENV_PREFIX} ones (see {@link
   * #isKnown}).
   */
  public static final Set<String> NAMES =
      Set.of(
          COMPONENT,
          COMPONENT_NAME,
          DIR,
          ENGINE,
          COMPILE_CACHE,
          STRIP_SERVLET_PATH,
          CANONICAL_AUTHORITY,
          FORBIDDEN_HEADERS,
          MAX_FIELD_SIZE,
          TIMEOUT,
          MAX_CONCURRENT,
          MAX_CONCURRENT_WAIT,
          MAX_BODY,
          MAX_MEMORY,
          MAX_HOST_MEMORY,
          SHUTDOWN_TIMEOUT,
          POOL,
          POOL_IDLE_TIMEOUT,
          ALLOW_OUTBOUND,
          OUTBOUND_CONNECT_TIMEOUT,
          OUTBOUND_FIRST_BYTE_TIMEOUT,
          OUTBOUND_BETWEEN_BYTES_TIMEOUT,
          TRUST_STORE,
          TRUST_STORE_PASSWORD,
          TRUST_STORE_TYPE,
          HTTP_CLIENT_ATTRIBUTE,
          RELOAD,
          RELOAD_INTERVAL,
          CHAIN);

  /**
   * Whether {@code name} is an init-param the servlet reads: one of {@link #NAMES}, or {@value
   * #ENV_PREFIX} followed by a variable's name.
   */
  public static boolean isKnown(String name) {
    return NAMES.contains(name)
        || (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length());
  }

  /**
   * The options the init-params read through {@code param} describe (see the README's table); what
   * {@link WasiHttpServletOptions#fromInitParameters} returns.
   */
  static WasiHttpServletOptions options(Iterable<String> names, Function<String, String> param) {
    WasiHttpServletOptions.Builder b = WasiHttpServletOptions.builder();
    WasiHttpConfig.Builder http = WasiHttpConfig.builder();
    JettyOutgoingHandler.Options.Builder jetty = JettyOutgoingHandler.options();
    b.component(param.apply(COMPONENT));
    b.componentName(param.apply(COMPONENT_NAME));
    String chain = given(param, CHAIN);
    if (chain != null) {
      try {
        b.chain(ChainMember.entries(chain));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("init-param " + CHAIN + ": " + e.getMessage(), e);
      }
    }
    for (String name : names) {
      if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length()) {
        String value = Objects.requireNonNullElse(param.apply(name), "");
        b.env(name.substring(ENV_PREFIX.length()), value);
      }
    }
    String dir = given(param, DIR);
    if (dir != null) {
      b.dirSpec(dir);
    }
    String engine = given(param, ENGINE);
    String cache = given(param, COMPILE_CACHE);
    if (engine != null || cache != null) {
      try {
        b.engine(
            WasiHttpServletOptions.engineOptions(
                engine == null ? EngineMode.AUTO : EngineMode.parse(engine), cache));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("init-param " + ENGINE + ": " + e.getMessage(), e);
      }
    }
    String strip = given(param, STRIP_SERVLET_PATH);
    if (strip != null) {
      b.stripServletPath(parseBoolean(STRIP_SERVLET_PATH, strip));
    }
    String authority = given(param, CANONICAL_AUTHORITY);
    if (authority != null) {
      b.canonicalAuthority(authority);
    }
    String forbidden = param.apply(FORBIDDEN_HEADERS);
    if (forbidden != null) {
      Set<String> forbiddenNames = new LinkedHashSet<>();
      for (String n : forbidden.split(",")) {
        if (!n.isBlank()) {
          forbiddenNames.add(n.trim());
        }
      }
      http.forbiddenHeaders(forbiddenNames);
    }
    String maxField = given(param, MAX_FIELD_SIZE);
    if (maxField != null) {
      try {
        http.maxFieldSize(Integer.parseInt(maxField));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "init-param "
                + MAX_FIELD_SIZE
                + ": expected a positive number of bytes, got \""
                + maxField
                + "\"",
            e);
      }
    }
    String timeout = given(param, TIMEOUT);
    if (timeout != null) {
      http.timeout(duration(TIMEOUT, timeout, true));
    }
    String maxConcurrent = given(param, MAX_CONCURRENT);
    if (maxConcurrent != null) {
      http.maxConcurrent(
          OptionValues.count(label(MAX_CONCURRENT), maxConcurrent, 1, "concurrent calls"));
    }
    String maxConcurrentWait = given(param, MAX_CONCURRENT_WAIT);
    if (maxConcurrentWait != null) {
      http.maxConcurrentWait(duration(MAX_CONCURRENT_WAIT, maxConcurrentWait, true));
    }
    String maxBody = given(param, MAX_BODY);
    if (maxBody != null) {
      http.maxBody(OptionValues.size(label(MAX_BODY), maxBody));
    }
    String maxMemory = given(param, MAX_MEMORY);
    if (maxMemory != null) {
      http.maxMemory(OptionValues.size(label(MAX_MEMORY), maxMemory));
    }
    String maxHostMemory = given(param, MAX_HOST_MEMORY);
    if (maxHostMemory != null) {
      http.maxHostMemory(OptionValues.size(label(MAX_HOST_MEMORY), maxHostMemory));
    }
    String shutdown = given(param, SHUTDOWN_TIMEOUT);
    if (shutdown != null) {
      http.shutdownTimeout(duration(SHUTDOWN_TIMEOUT, shutdown, true));
    }
    String pool = given(param, POOL);
    String poolIdle = given(param, POOL_IDLE_TIMEOUT);
    if (pool != null || poolIdle != null) {
      InstancePool.Config defaults = InstancePool.Config.DEFAULT;
      http.pool(
          new InstancePool.Config(
              pool == null
                  ? defaults.maxIdle()
                  : OptionValues.count(label(POOL), pool, 0, "instances"),
              poolIdle == null
                  ? defaults.idleTimeout()
                  : duration(POOL_IDLE_TIMEOUT, poolIdle, false)));
    }
    String allow = given(param, ALLOW_OUTBOUND);
    if (allow != null) {
      List<String> entries = new ArrayList<>();
      for (String e : allow.split("[,\\s]+")) {
        if (!e.isBlank()) {
          entries.add(e.trim());
        }
      }
      try {
        http.outboundPolicy(OutboundPolicy.parse(entries));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "init-param " + ALLOW_OUTBOUND + ": " + e.getMessage(), e);
      }
    }
    String connect = given(param, OUTBOUND_CONNECT_TIMEOUT);
    if (connect != null) {
      jetty.connectTimeout(duration(OUTBOUND_CONNECT_TIMEOUT, connect, false));
    }
    String firstByte = given(param, OUTBOUND_FIRST_BYTE_TIMEOUT);
    if (firstByte != null) {
      jetty.firstByteTimeout(duration(OUTBOUND_FIRST_BYTE_TIMEOUT, firstByte, false));
    }
    String betweenBytes = given(param, OUTBOUND_BETWEEN_BYTES_TIMEOUT);
    if (betweenBytes != null) {
      jetty.betweenBytesTimeout(duration(OUTBOUND_BETWEEN_BYTES_TIMEOUT, betweenBytes, false));
    }
    String store = given(param, TRUST_STORE);
    if (store != null) {
      b.trustStore(store, param.apply(TRUST_STORE_PASSWORD), given(param, TRUST_STORE_TYPE));
    }
    String attribute = given(param, HTTP_CLIENT_ATTRIBUTE);
    if (attribute != null) {
      b.httpClientAttribute(attribute);
    }
    String reload = given(param, RELOAD);
    if (reload != null) {
      b.reload(parseBoolean(RELOAD, reload));
    }
    String reloadInterval = given(param, RELOAD_INTERVAL);
    if (reloadInterval != null) {
      b.reloadInterval(duration(RELOAD_INTERVAL, reloadInterval, false));
    }
    return b.http(http.outgoingHandler(jetty.build()).build()).build();
  }

  /** The init-param's value without surrounding white space, or null when absent or blank. */
  private static String given(Function<String, String> param, String name) {
    String value = param.apply(name);
    return value == null || value.isBlank() ? null : value.trim();
  }

  /** How messages name an init-param. */
  private static String label(String name) {
    return "init-param " + name;
  }

  /**
   * An {@link OptionValues#duration} of at most {@link Timeouts#MAX}, zero allowed or not, its
   * message naming the init-param.
   */
  private static Duration duration(String name, String value, boolean zeroAllowed) {
    return OptionValues.duration(label(name), value, zeroAllowed, Timeouts.MAX);
  }

  static boolean parseBoolean(String name, String value) {
    if (value.equalsIgnoreCase("true")) {
      return true;
    }
    if (value.equalsIgnoreCase("false")) {
      return false;
    }
    throw new IllegalArgumentException(
        "init-param " + name + ": expected true or false, got \"" + value + "\"");
  }
}
