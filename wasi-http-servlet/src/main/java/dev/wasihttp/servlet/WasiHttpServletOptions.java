package dev.wasihttp.servlet;

import dev.wasihttp.http.LogSink;
import dev.wasihttp.http.client.OutboundPolicy;
import dev.wasihttp.http.proxy.WasiHttpConfig;
import dev.wasihttp.wasi.WasiConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.client.HttpClient;

/**
 * The configuration of one {@link WasiHttpServlet}: immutable, built with {@link #builder()} or
 * parsed from servlet init-params with {@link #fromInitParameters}, which produce the same object.
 *
 * <table>
 *   <caption>Init-params</caption>
 *   <tr><th>name</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@value #COMPONENT}</td><td>(required)</td><td>where the component is: {@code
 *       /WEB-INF/…} (a resource of the web application), {@code classpath:…} (a class-loader
 *       resource), or a file path (absolute, or relative to the working directory)</td></tr>
 *   <tr><td>{@value #COMPONENT_NAME}</td><td>the location's file name without {@code
 *       .wasm}</td><td>the name that tags log lines (guest stdout/stderr) and errors</td></tr>
 *   <tr><td>{@value #ENV_PREFIX}NAME</td><td>none</td><td>one environment variable NAME the
 *       guest sees (one init-param per variable)</td></tr>
 *   <tr><td>{@value #DIR}</td><td>none</td><td>{@code HOSTDIR[::GUESTPATH]}: a host directory
 *       mounted read-only at GUESTPATH (default {@code /})</td></tr>
 *   <tr><td>{@value #STRIP_SERVLET_PATH}</td><td>{@code false}</td><td>also strip the servlet
 *       path (of a {@code /prefix/*} mapping) from the target the guest sees; the context path is
 *       always stripped</td></tr>
 *   <tr><td>{@value #CANONICAL_AUTHORITY}</td><td>none</td><td>the authority passed to the guest
 *       when the client sent none (HTTP/1.0 without {@code Host}); without it, the container's
 *       server name and port (usually the local address the request came in on)</td></tr>
 *   <tr><td>{@value #FORBIDDEN_HEADERS}</td><td>{@link
 *       WasiHttpConfig#DEFAULT_FORBIDDEN_HEADERS} (Wasmtime's nine hop-by-hop names)</td><td>a
 *       comma-separated list that replaces the field names the guest never sees and may not
 *       set</td></tr>
 *   <tr><td>{@value #MAX_FIELD_SIZE}</td><td>131072 (128 KiB)</td><td>the most bytes one
 *       {@code fields} object may hold</td></tr>
 *   <tr><td>{@value #REQUEST_TIMEOUT}</td><td>{@code 600s}</td><td>how long one request may
 *       run before the guest is interrupted: {@code 30s}, {@code 500ms}, {@code 10m}, plain
 *       seconds or ISO-8601 ({@code PT30S}); {@code 0} for none</td></tr>
 *   <tr><td>{@value #ALLOW_OUTBOUND}</td><td>none (no host)</td><td>the destinations outgoing
 *       requests may reach: {@code scheme://host[:port]} entries separated by commas or white
 *       space, with wildcards ({@code *}, {@code *.example.com}, {@code :*}, port ranges) and
 *       CIDR ranges; private, loopback and link-local addresses only when named literally</td></tr>
 *   <tr><td>{@value #OUTBOUND_CONNECT_TIMEOUT}, {@value #OUTBOUND_FIRST_BYTE_TIMEOUT}, {@value
 *       #OUTBOUND_BETWEEN_BYTES_TIMEOUT}</td><td>{@code 600s} each</td><td>the timeouts of an
 *       outgoing request whose {@code request-options} leave them unset (same syntax as {@value
 *       #REQUEST_TIMEOUT}, positive)</td></tr>
 *   <tr><td>{@value #TRUST_STORE}</td><td>the JDK's trusted certificates</td><td>a key store
 *       (same locations as {@value #COMPONENT}) whose certificates the servlet's own HTTP client
 *       trusts on TLS instead</td></tr>
 *   <tr><td>{@value #TRUST_STORE_PASSWORD}</td><td>none</td><td>the trust store's password, if
 *       it has one</td></tr>
 *   <tr><td>{@value #TRUST_STORE_TYPE}</td><td>{@code PKCS12}</td><td>the trust store's format
 *       ({@code PKCS12} also reads {@code JKS} files)</td></tr>
 *   <tr><td>{@value #HTTP_CLIENT_ATTRIBUTE}</td><td>none (the servlet creates its own client,
 *       stopped with the servlet)</td><td>the name of a {@code ServletContext} attribute holding
 *       the application's {@code org.eclipse.jetty.client.HttpClient} for outgoing requests: one
 *       given not started is set up, started and stopped with the servlet; one given started is
 *       never stopped and keeps its own settings (its resolver: only the policy's name check
 *       applies). Not together with {@value #TRUST_STORE}</td></tr>
 * </table>
 */
public final class WasiHttpServletOptions {
  /** Init-param: the component location. */
  public static final String COMPONENT = "component";

  /** Init-param: the component's name in logs. */
  public static final String COMPONENT_NAME = "componentName";

  /** Init-param prefix: {@code env.NAME} sets the guest's environment variable NAME. */
  public static final String ENV_PREFIX = "env.";

  /** Init-param: {@code HOSTDIR[::GUESTPATH]}, a read-only directory for the guest. */
  public static final String DIR = "dir";

  /** Init-param: {@code true} to strip the servlet path as well as the context path. */
  public static final String STRIP_SERVLET_PATH = "stripServletPath";

  /** Init-param: the authority used when the client sent none. */
  public static final String CANONICAL_AUTHORITY = "canonicalAuthority";

  /** Init-param: comma-separated forbidden field names. */
  public static final String FORBIDDEN_HEADERS = "forbiddenHeaders";

  /** Init-param: the size cap of one fields object, in bytes. */
  public static final String MAX_FIELD_SIZE = "maxFieldSize";

  /** Init-param: the deadline of one request. */
  public static final String REQUEST_TIMEOUT = "requestTimeout";

  /**
   * Init-param: the hosts the component may send requests to, as outbound-policy entries ({@code
   * scheme://host[:port]}, separated by commas or white space); none by default.
   */
  public static final String ALLOW_OUTBOUND = "allowOutbound";

  /** Init-param: the default connect timeout of outgoing requests. */
  public static final String OUTBOUND_CONNECT_TIMEOUT = "outboundConnectTimeout";

  /** Init-param: the default first-byte timeout of outgoing requests. */
  public static final String OUTBOUND_FIRST_BYTE_TIMEOUT = "outboundFirstByteTimeout";

  /** Init-param: the default between-bytes timeout of outgoing requests. */
  public static final String OUTBOUND_BETWEEN_BYTES_TIMEOUT = "outboundBetweenBytesTimeout";

  /** Init-param: the key store of certificates outgoing TLS connections trust. */
  public static final String TRUST_STORE = "trustStore";

  /** Init-param: the password of {@value #TRUST_STORE}. */
  public static final String TRUST_STORE_PASSWORD = "trustStorePassword";

  /** Init-param: the format of {@value #TRUST_STORE}. */
  public static final String TRUST_STORE_TYPE = "trustStoreType";

  /** Init-param: the ServletContext attribute holding the application's HttpClient. */
  public static final String HTTP_CLIENT_ATTRIBUTE = "httpClientAttribute";

  private final String component;
  private final String componentName;

  /** The core settings (forbidden headers, limits, outbound policy); name, log, WASI come later. */
  private final WasiHttpConfig http;

  private final Map<String, String> env;
  private final Path dir;
  private final String dirGuestPath;
  private final boolean stripServletPath;
  private final String canonicalAuthority;
  private final TrustStore trustStore;
  private final String httpClientAttribute;

  private WasiHttpServletOptions(Builder b) {
    this.component = b.component;
    this.componentName = b.componentName != null ? b.componentName : defaultName(b.component);
    this.env = Collections.unmodifiableMap(new LinkedHashMap<>(b.env));
    this.dir = b.dir;
    this.dirGuestPath = b.dirGuestPath;
    this.stripServletPath = b.stripServletPath;
    this.canonicalAuthority = b.canonicalAuthority;
    this.trustStore = b.trustStore;
    this.httpClientAttribute = b.httpClientAttribute;
    this.http = b.http.build();
  }

  /** A builder with every option at its default. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.component = component;
    b.componentName = componentName;
    b.env.putAll(env);
    b.dir = dir;
    b.dirGuestPath = dirGuestPath;
    b.stripServletPath = stripServletPath;
    b.canonicalAuthority = canonicalAuthority;
    b.trustStore = trustStore;
    b.httpClientAttribute = httpClientAttribute;
    b.http = http.toBuilder();
    return b;
  }

  /**
   * Parses init-params (the names in this class's table) read through {@code param}, e.g. {@code
   * servletConfig::getInitParameter}; {@code names} lists every init-param name present (for the
   * {@value #ENV_PREFIX} ones).
   *
   * @throws IllegalArgumentException naming the init-param whose value is malformed
   */
  public static WasiHttpServletOptions fromInitParameters(
      Iterable<String> names, Function<String, String> param) {
    return InitParams.options(names, param);
  }

  private static String defaultName(String location) {
    if (location == null) {
      return "component";
    }
    String s = location.startsWith("classpath:") ? location.substring(10) : location;
    int slash = Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\'));
    s = s.substring(slash + 1);
    if (s.endsWith(".wasm")) {
      s = s.substring(0, s.length() - 5);
    }
    return s.isEmpty() ? "component" : s;
  }

  /** The component location, or null when the servlet was given a handler instead. */
  public String component() {
    return component;
  }

  /** The name that tags the component's log lines. */
  public String componentName() {
    return componentName;
  }

  /** The guest's environment variables, in the order given. */
  public Map<String, String> env() {
    return env;
  }

  /** The host directory mounted read-only for the guest, or null for none. */
  public Path dir() {
    return dir;
  }

  /** Where {@link #dir()} appears in the guest (default {@code /}). */
  public String dirGuestPath() {
    return dirGuestPath;
  }

  /** Whether the servlet path is stripped from the guest's target as well as the context path. */
  public boolean stripServletPath() {
    return stripServletPath;
  }

  /** The authority given to the guest when the client sent none, or null. */
  public String canonicalAuthority() {
    return canonicalAuthority;
  }

  /** The field names the guest never sees and may not set (lower case). */
  public Set<String> forbiddenHeaders() {
    return http.forbiddenHeaders();
  }

  /** The size cap of one {@code fields} object, in bytes. */
  public int maxFieldSize() {
    return http.maxFieldSize();
  }

  /** The deadline of one request; {@link Duration#ZERO} for none. */
  public Duration requestTimeout() {
    return http.requestTimeout();
  }

  /** Where the component may send requests (default: nowhere). */
  public OutboundPolicy outboundPolicy() {
    return http.outboundPolicy();
  }

  /** The key store outgoing TLS connections trust, or null for the JDK's default trust. */
  public TrustStore trustStore() {
    return trustStore;
  }

  /** The ServletContext attribute that holds the application's HttpClient, or null. */
  public String httpClientAttribute() {
    return httpClientAttribute;
  }

  /** The default timeouts and the client of outgoing requests, as the core host holds them. */
  WasiHttpConfig http() {
    return http;
  }

  /**
   * The core host configuration these options describe, logging to {@code log} (guest stdout at
   * INFO, stderr at WARN, each line as {@code [name] line}).
   */
  public WasiHttpConfig toWasiHttpConfig(LogSink log) {
    WasiConfig.Builder wasi = WasiHttpConfig.wasiBuilder(componentName, log).env(env);
    if (dir != null) {
      wasi.directory(dir, dirGuestPath);
    }
    return http.toBuilder().componentName(componentName).log(log).wasi(wasi.build()).build();
  }

  @Override
  public String toString() {
    return "WasiHttpServletOptions{component="
        + component
        + ", componentName="
        + componentName
        + ", env="
        + env.keySet()
        + ", dir="
        + dir
        + (dir == null ? "" : "::" + dirGuestPath)
        + ", stripServletPath="
        + stripServletPath
        + ", canonicalAuthority="
        + canonicalAuthority
        + ", forbiddenHeaders="
        + new TreeSet<>(http.forbiddenHeaders())
        + ", maxFieldSize="
        + http.maxFieldSize()
        + ", requestTimeout="
        + http.requestTimeout()
        + ", outboundPolicy="
        + http.outboundPolicy()
        + ", outboundTimeouts="
        + List.of(http.connectTimeout(), http.firstByteTimeout(), http.betweenBytesTimeout())
        + (trustStore == null ? "" : ", trustStore=" + trustStore.location())
        + (httpClientAttribute == null ? "" : ", httpClientAttribute=" + httpClientAttribute)
        + "}";
  }

  /**
   * A key store of trusted certificates: where it is (as {@link #component()}), its password (null
   * for none) and its format.
   */
  public record TrustStore(String location, String password, String type) {
    public TrustStore {
      Objects.requireNonNull(location, "location");
      Objects.requireNonNull(type, "type");
    }

    /** Never shows the password. */
    @Override
    public String toString() {
      return "TrustStore[" + location + ", " + type + "]";
    }
  }

  /** Builds {@link WasiHttpServletOptions}; every setter returns this builder. */
  public static final class Builder {
    private String component;
    private String componentName;
    private final Map<String, String> env = new LinkedHashMap<>();
    private Path dir;
    private String dirGuestPath = "/";
    private boolean stripServletPath;
    private String canonicalAuthority;
    private TrustStore trustStore;
    private String httpClientAttribute;
    private WasiHttpConfig.Builder http = WasiHttpConfig.builder();

    private Builder() {}

    /** Replaces the forbidden field names (any case; default: Wasmtime's nine). */
    public Builder forbiddenHeaders(Set<String> names) {
      http.forbiddenHeaders(names);
      return this;
    }

    /** The size cap of one {@code fields} object in bytes (positive; default 128 KiB). */
    public Builder maxFieldSize(int bytes) {
      http.maxFieldSize(bytes);
      return this;
    }

    /** The deadline of one request; {@link Duration#ZERO} for none (default 10 minutes). */
    public Builder requestTimeout(Duration timeout) {
      http.requestTimeout(timeout);
      return this;
    }

    /** Where the component may send requests (default: {@link OutboundPolicy#denyAll()}). */
    public Builder outboundPolicy(OutboundPolicy policy) {
      http.outboundPolicy(policy);
      return this;
    }

    /** The default connect timeout of outgoing requests (positive; default 600 s). */
    public Builder outboundConnectTimeout(Duration timeout) {
      http.connectTimeout(timeout);
      return this;
    }

    /** The default first-byte timeout of outgoing requests (positive; default 600 s). */
    public Builder outboundFirstByteTimeout(Duration timeout) {
      http.firstByteTimeout(timeout);
      return this;
    }

    /** The default between-bytes timeout of outgoing requests (positive; default 600 s). */
    public Builder outboundBetweenBytesTimeout(Duration timeout) {
      http.betweenBytesTimeout(timeout);
      return this;
    }

    /**
     * The application's client for outgoing requests; the servlet never stops it. Null (the
     * default): the servlet creates its own, stopped in {@code destroy()}.
     */
    public Builder httpClient(HttpClient client) {
      http.httpClient(client);
      return this;
    }

    /** What the servlet's own HTTP client trusts on TLS; null: the JDK's defaults. */
    public Builder sslContext(SSLContext context) {
      http.sslContext(context);
      return this;
    }

    /**
     * A key store ({@code /WEB-INF/…}, {@code classpath:…} or a file path) whose certificates
     * outgoing TLS connections trust, read when the servlet starts; null location: none.
     *
     * @param password the store's password, or null
     * @param type the store's format, or null for {@code PKCS12}
     */
    public Builder trustStore(String location, String password, String type) {
      this.trustStore =
          location == null || location.isBlank()
              ? null
              : new TrustStore(location.trim(), password, type == null ? "PKCS12" : type);
      return this;
    }

    /** The ServletContext attribute holding the application's HttpClient; null: none. */
    public Builder httpClientAttribute(String name) {
      this.httpClientAttribute = name == null || name.isBlank() ? null : name.trim();
      return this;
    }

    /** The component location ({@code /WEB-INF/…}, {@code classpath:…} or a file path). */
    public Builder component(String location) {
      this.component = location == null || location.isBlank() ? null : location.trim();
      return this;
    }

    /** The name for log lines; null restores the default (from the location). */
    public Builder componentName(String name) {
      this.componentName = name == null || name.isBlank() ? null : name.trim();
      return this;
    }

    /** Adds (or replaces) one environment variable. */
    public Builder env(String name, String value) {
      if (name.isEmpty() || name.indexOf('=') >= 0) {
        throw new IllegalArgumentException("bad environment variable name \"" + name + "\"");
      }
      env.put(name, Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Mounts {@code hostDir} read-only at {@code guestPath}; null unmounts. */
    public Builder dir(Path hostDir, String guestPath) {
      this.dir = hostDir;
      this.dirGuestPath = guestPath == null || guestPath.isEmpty() ? "/" : guestPath;
      return this;
    }

    /** Parses {@code HOSTDIR[::GUESTPATH]} as {@link #dir(Path, String)}. */
    public Builder dirSpec(String spec) {
      int sep = spec.indexOf("::");
      String host = sep < 0 ? spec : spec.substring(0, sep);
      String guest = sep < 0 ? "/" : spec.substring(sep + 2);
      if (host.isEmpty()) {
        throw new IllegalArgumentException("dir \"" + spec + "\": no host directory");
      }
      if (!guest.startsWith("/")) {
        throw new IllegalArgumentException("dir \"" + spec + "\": guest path must start with /");
      }
      return dir(Path.of(host), guest);
    }

    /** Whether to strip the servlet path too (default false). */
    public Builder stripServletPath(boolean strip) {
      this.stripServletPath = strip;
      return this;
    }

    /** The authority for requests that carry none (default: the container's server name). */
    public Builder canonicalAuthority(String authority) {
      this.canonicalAuthority = authority;
      return this;
    }

    /** The options as set so far. */
    public WasiHttpServletOptions build() {
      return new WasiHttpServletOptions(this);
    }
  }
}
