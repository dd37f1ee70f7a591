package dev.wasihttp.servlet;

import static dev.wasihttp.servlet.WasiHttpServletOptions.ALLOW_OUTBOUND;
import static dev.wasihttp.servlet.WasiHttpServletOptions.CANONICAL_AUTHORITY;
import static dev.wasihttp.servlet.WasiHttpServletOptions.COMPONENT;
import static dev.wasihttp.servlet.WasiHttpServletOptions.COMPONENT_NAME;
import static dev.wasihttp.servlet.WasiHttpServletOptions.DIR;
import static dev.wasihttp.servlet.WasiHttpServletOptions.ENV_PREFIX;
import static dev.wasihttp.servlet.WasiHttpServletOptions.FORBIDDEN_HEADERS;
import static dev.wasihttp.servlet.WasiHttpServletOptions.HTTP_CLIENT_ATTRIBUTE;
import static dev.wasihttp.servlet.WasiHttpServletOptions.MAX_FIELD_SIZE;
import static dev.wasihttp.servlet.WasiHttpServletOptions.OUTBOUND_BETWEEN_BYTES_TIMEOUT;
import static dev.wasihttp.servlet.WasiHttpServletOptions.OUTBOUND_CONNECT_TIMEOUT;
import static dev.wasihttp.servlet.WasiHttpServletOptions.OUTBOUND_FIRST_BYTE_TIMEOUT;
import static dev.wasihttp.servlet.WasiHttpServletOptions.REQUEST_TIMEOUT;
import static dev.wasihttp.servlet.WasiHttpServletOptions.STRIP_SERVLET_PATH;
import static dev.wasihttp.servlet.WasiHttpServletOptions.TRUST_STORE;
import static dev.wasihttp.servlet.WasiHttpServletOptions.TRUST_STORE_PASSWORD;
import static dev.wasihttp.servlet.WasiHttpServletOptions.TRUST_STORE_TYPE;

import dev.wasihttp.http.client.OutboundPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/** Parsing of init-param values, with messages that name the init-param. */
final class InitParams {
  private InitParams() {}

  /** The options the init-params read through {@code param} describe (see the options' table). */
  static WasiHttpServletOptions options(Iterable<String> names, Function<String, String> param) {
    WasiHttpServletOptions.Builder b = WasiHttpServletOptions.builder();
    b.component(param.apply(COMPONENT));
    b.componentName(param.apply(COMPONENT_NAME));
    for (String name : names) {
      if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length()) {
        String value = Objects.requireNonNullElse(param.apply(name), "");
        b.env(name.substring(ENV_PREFIX.length()), value);
      }
    }
    String dir = param.apply(DIR);
    if (dir != null && !dir.isBlank()) {
      b.dirSpec(dir.trim());
    }
    String strip = param.apply(STRIP_SERVLET_PATH);
    if (strip != null && !strip.isBlank()) {
      b.stripServletPath(parseBoolean(STRIP_SERVLET_PATH, strip.trim()));
    }
    String authority = param.apply(CANONICAL_AUTHORITY);
    if (authority != null && !authority.isBlank()) {
      b.canonicalAuthority(authority.trim());
    }
    String forbidden = param.apply(FORBIDDEN_HEADERS);
    if (forbidden != null) {
      Set<String> forbiddenNames = new LinkedHashSet<>();
      for (String n : forbidden.split(",")) {
        if (!n.isBlank()) {
          forbiddenNames.add(n.trim());
        }
      }
      b.forbiddenHeaders(forbiddenNames);
    }
    String maxField = param.apply(MAX_FIELD_SIZE);
    if (maxField != null && !maxField.isBlank()) {
      try {
        b.maxFieldSize(Integer.parseInt(maxField.trim()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "init-param " + MAX_FIELD_SIZE + ": expected a positive number of bytes, got \""
                + maxField + "\"", e);
      }
    }
    String timeout = param.apply(REQUEST_TIMEOUT);
    if (timeout != null && !timeout.isBlank()) {
      b.requestTimeout(parseDuration(REQUEST_TIMEOUT, timeout.trim()));
    }
    String allow = param.apply(ALLOW_OUTBOUND);
    if (allow != null && !allow.isBlank()) {
      List<String> entries = new ArrayList<>();
      for (String e : allow.split("[,\\s]+")) {
        if (!e.isBlank()) {
          entries.add(e.trim());
        }
      }
      try {
        b.outboundPolicy(OutboundPolicy.parse(entries));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("init-param " + ALLOW_OUTBOUND + ": " + e.getMessage(), e);
      }
    }
    String connect = param.apply(OUTBOUND_CONNECT_TIMEOUT);
    if (connect != null && !connect.isBlank()) {
      b.outboundConnectTimeout(parsePositiveDuration(OUTBOUND_CONNECT_TIMEOUT, connect.trim()));
    }
    String firstByte = param.apply(OUTBOUND_FIRST_BYTE_TIMEOUT);
    if (firstByte != null && !firstByte.isBlank()) {
      b.outboundFirstByteTimeout(
          parsePositiveDuration(OUTBOUND_FIRST_BYTE_TIMEOUT, firstByte.trim()));
    }
    String betweenBytes = param.apply(OUTBOUND_BETWEEN_BYTES_TIMEOUT);
    if (betweenBytes != null && !betweenBytes.isBlank()) {
      b.outboundBetweenBytesTimeout(
          parsePositiveDuration(OUTBOUND_BETWEEN_BYTES_TIMEOUT, betweenBytes.trim()));
    }
    String store = param.apply(TRUST_STORE);
    if (store != null && !store.isBlank()) {
      String type = param.apply(TRUST_STORE_TYPE);
      b.trustStore(
          store.trim(),
          param.apply(TRUST_STORE_PASSWORD),
          type == null || type.isBlank() ? null : type.trim());
    }
    String attribute = param.apply(HTTP_CLIENT_ATTRIBUTE);
    if (attribute != null && !attribute.isBlank()) {
      b.httpClientAttribute(attribute.trim());
    }
    return b.build();
  }

  /** {@code 30s}, {@code 500ms}, {@code 10m}, {@code 1h}, plain seconds, or ISO-8601. */
  static Duration parseDuration(String name, String value) {
    try {
      if (value.startsWith("P") || value.startsWith("p")) {
        return Duration.parse(value);
      }
      String v = value.toLowerCase(Locale.ROOT);
      if (v.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).trim()));
      }
      char unit = v.charAt(v.length() - 1);
      if (Character.isDigit(unit)) {
        return Duration.ofSeconds(Long.parseLong(v));
      }
      long n = Long.parseLong(v.substring(0, v.length() - 1).trim());
      switch (unit) {
        case 's':
          return Duration.ofSeconds(n);
        case 'm':
          return Duration.ofMinutes(n);
        case 'h':
          return Duration.ofHours(n);
        default:
          break;
      }
    } catch (RuntimeException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "init-param " + name + ": expected a duration such as 30s, 500ms or PT1M, got \""
            + value + "\"");
  }

  /** {@link #parseDuration}, refusing zero and negative durations. */
  static Duration parsePositiveDuration(String name, String value) {
    Duration d = parseDuration(name, value);
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(
          "init-param " + name + ": expected a positive duration, got \"" + value + "\"");
    }
    return d;
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
