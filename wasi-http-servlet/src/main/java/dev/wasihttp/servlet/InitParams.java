package dev.wasihttp.servlet;

import static dev.wasihttp.servlet.WasiHttpServletOptions.ALLOW_OUTBOUND;
import static dev.wasihttp.servlet.WasiHttpServletOptions.CANONICAL_AUTHORITY;
import static dev.wasihttp.servlet.WasiHttpServletOptions.CHAIN;
import static dev.wasihttp.servlet.WasiHttpServletOptions.COMPILE_CACHE;
import static dev.wasihttp.servlet.WasiHttpServletOptions.COMPONENT;
import static dev.wasihttp.servlet.WasiHttpServletOptions.COMPONENT_NAME;
import static dev.wasihttp.servlet.WasiHttpServletOptions.DIR;
import static dev.wasihttp.servlet.WasiHttpServletOptions.ENGINE;
import static dev.wasihttp.servlet.WasiHttpServletOptions.ENV_PREFIX;
import static dev.wasihttp.servlet.WasiHttpServletOptions.FORBIDDEN_HEADERS;
import static dev.wasihttp.servlet.WasiHttpServletOptions.HTTP_CLIENT_ATTRIBUTE;
import static dev.wasihttp.servlet.WasiHttpServletOptions.MAX_BODY;
import static dev.wasihttp.servlet.WasiHttpServletOptions.MAX_CONCURRENT;
import static dev.wasihttp.servlet.WasiHttpServletOptions.MAX_CONCURRENT_WAIT;
import static dev.wasihttp.servlet.WasiHttpServletOptions.MAX_FIELD_SIZE;
import static dev.wasihttp.servlet.WasiHttpServletOptions.MAX_HOST_MEMORY;
import static dev.wasihttp.servlet.WasiHttpServletOptions.MAX_MEMORY;
import static dev.wasihttp.servlet.WasiHttpServletOptions.OUTBOUND_BETWEEN_BYTES_TIMEOUT;
import static dev.wasihttp.servlet.WasiHttpServletOptions.OUTBOUND_CONNECT_TIMEOUT;
import static dev.wasihttp.servlet.WasiHttpServletOptions.OUTBOUND_FIRST_BYTE_TIMEOUT;
import static dev.wasihttp.servlet.WasiHttpServletOptions.POOL;
import static dev.wasihttp.servlet.WasiHttpServletOptions.POOL_IDLE_TIMEOUT;
import static dev.wasihttp.servlet.WasiHttpServletOptions.RELOAD;
import static dev.wasihttp.servlet.WasiHttpServletOptions.RELOAD_INTERVAL;
import static dev.wasihttp.servlet.WasiHttpServletOptions.SHUTDOWN_TIMEOUT;
import static dev.wasihttp.servlet.WasiHttpServletOptions.STRIP_SERVLET_PATH;
import static dev.wasihttp.servlet.WasiHttpServletOptions.TIMEOUT;
import static dev.wasihttp.servlet.WasiHttpServletOptions.TRUST_STORE;
import static dev.wasihttp.servlet.WasiHttpServletOptions.TRUST_STORE_PASSWORD;
import static dev.wasihttp.servlet.WasiHttpServletOptions.TRUST_STORE_TYPE;

import dev.wasihttp.component.EngineMode;
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

/** Parsing of init-param values, with messages that name the init-param. */
final class InitParams {
  private InitParams() {}

  /**
   * Every init-param name {@link #options} reads, but the {@value
   * WasiHttpServletOptions#ENV_PREFIX} ones (see {@link #known}).
   */
  static final Set<String> NAMES =
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

  /** Whether {@code name} is an init-param the servlet reads: one of {@link #NAMES} or env.X. */
  static boolean known(String name) {
    return NAMES.contains(name)
        || (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length());
  }

  /** The options the init-params read through {@code param} describe (see the README's table). */
  static WasiHttpServletOptions options(Iterable<String> names, Function<String, String> param) {
    WasiHttpServletOptions.Builder b = WasiHttpServletOptions.builder();
    WasiHttpConfig.Builder http = WasiHttpConfig.builder();
    JettyOutgoingHandler.Options.Builder jetty = JettyOutgoingHandler.options();
    b.component(param.apply(COMPONENT));
    b.componentName(param.apply(COMPONENT_NAME));
    String chain = given(param, CHAIN);
    if (chain != null) {
      try {
        b.chain(List.of(chain.split("[,\\s]+")));
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
