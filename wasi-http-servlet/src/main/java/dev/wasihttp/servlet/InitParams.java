package dev.wasihttp.servlet;

import static dev.wasihttp.servlet.WasiHttpServletOptions.ALLOW_OUTBOUND;
import static dev.wasihttp.servlet.WasiHttpServletOptions.CANONICAL_AUTHORITY;
import static dev.wasihttp.servlet.WasiHttpServletOptions.COMPILE_CACHE;
import static dev.wasihttp.servlet.WasiHttpServletOptions.COMPONENT;
import static dev.wasihttp.servlet.WasiHttpServletOptions.COMPONENT_NAME;
import static dev.wasihttp.servlet.WasiHttpServletOptions.DIR;
import static dev.wasihttp.servlet.WasiHttpServletOptions.ENGINE;
import static dev.wasihttp.servlet.WasiHttpServletOptions.ENV_PREFIX;
import static dev.wasihttp.servlet.WasiHttpServletOptions.FORBIDDEN_HEADERS;
import static dev.wasihttp.servlet.WasiHttpServletOptions.HTTP_CLIENT_ATTRIBUTE;
import static dev.wasihttp.servlet.WasiHttpServletOptions.MAX_FIELD_SIZE;
import static dev.wasihttp.servlet.WasiHttpServletOptions.OUTBOUND_BETWEEN_BYTES_TIMEOUT;
import static dev.wasihttp.servlet.WasiHttpServletOptions.OUTBOUND_CONNECT_TIMEOUT;
import static dev.wasihttp.servlet.WasiHttpServletOptions.OUTBOUND_FIRST_BYTE_TIMEOUT;
import static dev.wasihttp.servlet.WasiHttpServletOptions.POOL;
import static dev.wasihttp.servlet.WasiHttpServletOptions.POOL_IDLE_TIMEOUT;
import static dev.wasihttp.servlet.WasiHttpServletOptions.REQUEST_TIMEOUT;
import static dev.wasihttp.servlet.WasiHttpServletOptions.STRIP_SERVLET_PATH;
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

  /** The options the init-params read through {@code param} describe (see the README's table). */
  static WasiHttpServletOptions options(Iterable<String> names, Function<String, String> param) {
    WasiHttpServletOptions.Builder b = WasiHttpServletOptions.builder();
    WasiHttpConfig.Builder http = WasiHttpConfig.builder();
    JettyOutgoingHandler.Options.Builder jetty = JettyOutgoingHandler.options();
    b.component(param.apply(COMPONENT));
    b.componentName(param.apply(COMPONENT_NAME));
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
    String timeout = given(param, REQUEST_TIMEOUT);
    if (timeout != null) {
      http.requestTimeout(parseDuration(REQUEST_TIMEOUT, timeout));
    }
    String pool = given(param, POOL);
    String poolIdle = given(param, POOL_IDLE_TIMEOUT);
    if (pool != null || poolIdle != null) {
      InstancePool.Config defaults = InstancePool.Config.DEFAULT;
      http.pool(
          new InstancePool.Config(
              pool == null ? defaults.maxIdle() : parseCount(POOL, pool),
              poolIdle == null
                  ? defaults.idleTimeout()
                  : parseBoundedDuration(POOL_IDLE_TIMEOUT, poolIdle)));
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
      jetty.connectTimeout(parsePositiveDuration(OUTBOUND_CONNECT_TIMEOUT, connect));
    }
    String firstByte = given(param, OUTBOUND_FIRST_BYTE_TIMEOUT);
    if (firstByte != null) {
      jetty.firstByteTimeout(parsePositiveDuration(OUTBOUND_FIRST_BYTE_TIMEOUT, firstByte));
    }
    String betweenBytes = given(param, OUTBOUND_BETWEEN_BYTES_TIMEOUT);
    if (betweenBytes != null) {
      jetty.betweenBytesTimeout(
          parsePositiveDuration(OUTBOUND_BETWEEN_BYTES_TIMEOUT, betweenBytes));
    }
    String store = given(param, TRUST_STORE);
    if (store != null) {
      b.trustStore(store, param.apply(TRUST_STORE_PASSWORD), given(param, TRUST_STORE_TYPE));
    }
    String attribute = given(param, HTTP_CLIENT_ATTRIBUTE);
    if (attribute != null) {
      b.httpClientAttribute(attribute);
    }
    return b.http(http.outgoingHandler(jetty.build()).build()).build();
  }

  /** The init-param's value without surrounding white space, or null when absent or blank. */
  private static String given(Function<String, String> param, String name) {
    String value = param.apply(name);
    return value == null || value.isBlank() ? null : value.trim();
  }

  /** {@link WasiHttpServletOptions#parseDuration}, its message naming the init-param. */
  static Duration parseDuration(String name, String value) {
    try {
      return WasiHttpServletOptions.parseDuration(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("init-param " + name + ": " + e.getMessage(), e);
    }
  }

  /** {@link #parseDuration}, refusing zero and negative durations. */
  static Duration parsePositiveDuration(String name, String value) {
    return WasiHttpServletOptions.parsePositiveDuration("init-param " + name, value, null);
  }

  /** {@link #parsePositiveDuration}, refusing durations over {@link Timeouts#MAX} too. */
  static Duration parseBoundedDuration(String name, String value) {
    return WasiHttpServletOptions.parsePositiveDuration("init-param " + name, value, Timeouts.MAX);
  }

  /** A number of instances, 0 or more. */
  static int parseCount(String name, String value) {
    return WasiHttpServletOptions.parseInstanceCount("init-param " + name, value);
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
