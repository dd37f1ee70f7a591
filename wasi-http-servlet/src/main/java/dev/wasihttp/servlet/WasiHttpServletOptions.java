package dev.wasihttp.servlet;

import dev.wasihttp.component.EngineMode;
import dev.wasihttp.component.EngineOptions;
import dev.wasihttp.http.LogSink;
import dev.wasihttp.http.proxy.WasiHttpConfig;
import dev.wasihttp.wasi.WasiConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The configuration of one {@link WasiHttpServlet}: immutable, built with {@link #builder()} or
 * parsed from servlet init-params with {@link #fromInitParameters}, which produce the same object.
 * The init-params are named in {@link InitParams}; the README's "WasiHttpServlet configuration"
 * table gives each one's default and meaning.
 *
 * <p>What the servlet alone reads (the component's location and name, the guest's environment and
 * directory, how the target and authority are mapped, where the outgoing client's trust store or
 * client comes from) are fields here; what the wasi:http host reads (forbidden fields, the field-
 * size cap, the request timeout, the outbound policy, the outgoing handler with its client and
 * timeouts, the instance pool) is one {@link WasiHttpConfig}, {@link #http()}, documented there;
 * code sets it with {@link Builder#http}, e.g. {@code .http(WasiHttpConfig.builder().pool(new
 * InstancePool.Config(4, Duration.ofSeconds(30))).build())}. The servlet sets that config's
 * component name, log and WASI config when it starts ({@link #toWasiHttpConfig}).
 */
public final class WasiHttpServletOptions {
  /** 1 s: the default {@value InitParams#RELOAD_INTERVAL}. */
  public static final Duration DEFAULT_RELOAD_INTERVAL = Duration.ofSeconds(1);

  private final String component;
  private final String componentName;

  /** What the wasi:http host reads; name, log and WASI come at init. */
  private final WasiHttpConfig http;

  private final Map<String, String> env;
  private final Path dir;
  private final String dirGuestPath;
  private final boolean stripServletPath;
  private final EngineOptions engine;
  private final String canonicalAuthority;
  private final TrustStore trustStore;
  private final String httpClientAttribute;
  private final boolean reload;
  private final Duration reloadInterval;
  private final List<ChainMember> chain;

  private WasiHttpServletOptions(Builder b) {
    this.component = b.component;
    this.componentName = b.componentName != null ? b.componentName : defaultName(b.component);
    this.env = Collections.unmodifiableMap(new LinkedHashMap<>(b.env));
    this.dir = b.dir;
    this.dirGuestPath = b.dirGuestPath;
    this.stripServletPath = b.stripServletPath;
    this.engine = b.engine;
    this.canonicalAuthority = b.canonicalAuthority;
    this.trustStore = b.trustStore;
    this.httpClientAttribute = b.httpClientAttribute;
    this.reload = b.reload;
    this.reloadInterval = b.reloadInterval;
    this.http = b.http;
    this.chain = List.copyOf(b.chain);
    if (reload && !chain.isEmpty()) {
      // A reloading servlet swaps one component; a chain would keep serving the old members.
      throw new IllegalArgumentException(
          InitParams.CHAIN + " and " + InitParams.RELOAD + " exclude each other");
    }
    Set<String> names = new HashSet<>();
    names.add(componentName.toLowerCase(Locale.ROOT));
    for (ChainMember m : chain) {
      if (!names.add(m.name().toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException(
            "two chained components are named \""
                + m.name()
                + "\" (name one NAME=LOCATION, or set "
                + InitParams.COMPONENT_NAME
                + ")");
      }
    }
  }

  /**
   * The engine options that the init-params {@link InitParams#ENGINE} and {@link
   * InitParams#COMPILE_CACHE} describe: {@code mode}, and for the compiler its cache, {@code cache}
   * being a directory, {@code none}, or null for {@link EngineOptions#defaultCompileCache()}.
   */
  public static EngineOptions engineOptions(EngineMode mode, String cache) {
    EngineOptions options = EngineOptions.of(mode);
    if (mode == EngineMode.INTERPRETER || "none".equals(cache)) {
      return options;
    }
    return options.withCompileCache(
        cache == null ? EngineOptions.defaultCompileCache() : Path.of(cache));
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
    b.engine = engine;
    b.canonicalAuthority = canonicalAuthority;
    b.trustStore = trustStore;
    b.httpClientAttribute = httpClientAttribute;
    b.reload = reload;
    b.reloadInterval = reloadInterval;
    b.http = http;
    b.chain.addAll(chain);
    return b;
  }

  /**
   * Parses init-params (the names in {@link InitParams}) read through {@code param}, e.g. {@code
   * servletConfig::getInitParameter}; {@code names} lists every init-param name present (for the
   * {@value InitParams#ENV_PREFIX} ones).
   *
   * @throws IllegalArgumentException naming the init-param whose value is malformed
   */
  public static WasiHttpServletOptions fromInitParameters(
      Iterable<String> names, Function<String, String> param) {
    return InitParams.options(names, param);
  }

  /** A component's default name: its file name without {@code .wasm}. */
  static String defaultName(String location) {
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

  /**
   * The components chained after {@link #component()}, in order (see {@value InitParams#CHAIN});
   * empty for none.
   */
  public List<ChainMember> chain() {
    return chain;
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

  /**
   * How the component's core code runs (default {@link EngineMode#AUTO} with the default compile
   * cache).
   */
  public EngineOptions engine() {
    return engine;
  }

  /** Whether the servlet path is stripped from the guest's target as well as the context path. */
  public boolean stripServletPath() {
    return stripServletPath;
  }

  /** The authority given to the guest when the client sent none, or null. */
  public String canonicalAuthority() {
    return canonicalAuthority;
  }

  /** The key store outgoing TLS connections trust, or null for the JDK's default trust. */
  public TrustStore trustStore() {
    return trustStore;
  }

  /** The ServletContext attribute that holds the application's HttpClient, or null. */
  public String httpClientAttribute() {
    return httpClientAttribute;
  }

  /**
   * Whether the servlet swaps the component when its file changes (development mode); see {@link
   * InitParams#RELOAD}.
   */
  public boolean reload() {
    return reload;
  }

  /** How often {@link #reload()} looks at the component's file. */
  public Duration reloadInterval() {
    return reloadInterval;
  }

  /**
   * What the wasi:http host reads (forbidden fields, limits, the outbound policy, the outgoing
   * handler, the instance pool); its component name, log and WASI config are set by {@link
   * #toWasiHttpConfig}.
   */
  public WasiHttpConfig http() {
    return http;
  }

  /**
   * The wasi:http host's configuration: {@link #http()} with this servlet's component name, {@code
   * log} (guest stdout at INFO, stderr at WARN, each line as {@code [name] line}), environment and
   * directory.
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
        + ", engine="
        + engine.mode()
        + ", canonicalAuthority="
        + canonicalAuthority
        + ", forbiddenHeaders="
        + new TreeSet<>(http.forbiddenHeaders())
        + ", maxFieldSize="
        + http.maxFieldSize()
        + ", timeout="
        + http.timeout()
        + ", maxConcurrent="
        + http.maxConcurrent()
        + ", maxConcurrentWait="
        + http.maxConcurrentWait()
        + ", maxBody="
        + http.maxBody()
        + ", maxMemory="
        + http.maxMemory()
        + ", maxHostMemory="
        + http.maxHostMemory()
        + ", shutdownTimeout="
        + http.shutdownTimeout()
        + ", pool="
        + http.pool().maxIdle()
        + ", poolIdleTimeout="
        + http.pool().idleTimeout()
        + ", outboundPolicy="
        + http.outboundPolicy()
        + ", outgoingHandler="
        + http.outgoingHandler()
        + (trustStore == null ? "" : ", trustStore=" + trustStore.location())
        + (httpClientAttribute == null ? "" : ", httpClientAttribute=" + httpClientAttribute)
        + (reload ? ", reload every " + reloadInterval : "")
        + (chain.isEmpty() ? "" : ", chain=" + chain)
        + "}";
  }

  /**
   * A key store of trusted certificates: where it is (as {@link #component()}), its password (null
   * for none) and its format.
   */
  public record TrustStore(String location, String password, String type) {
    /** Checks that the location and type are given. */
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
    private EngineOptions engine = engineOptions(EngineMode.AUTO, null);
    private String canonicalAuthority;
    private TrustStore trustStore;
    private String httpClientAttribute;
    private boolean reload;
    private Duration reloadInterval = DEFAULT_RELOAD_INTERVAL;
    private WasiHttpConfig http = WasiHttpConfig.defaults();
    private final List<ChainMember> chain = new ArrayList<>();

    private Builder() {}

    /**
     * The components chained after the servlet's own, each {@code [NAME=]LOCATION} (see {@value
     * InitParams#CHAIN}); replaces those set before, none for an empty list.
     *
     * @throws IllegalArgumentException for an entry whose name is not a host name
     */
    public Builder chain(List<String> entries) {
      chain.clear();
      for (String e : entries) {
        chain.add(ChainMember.parse(e));
      }
      return this;
    }

    /**
     * What the wasi:http host reads (default {@link WasiHttpConfig#defaults()}): forbidden fields,
     * limits, the outbound policy, the outgoing handler, the instance pool ({@link
     * WasiHttpConfig.Builder#pool}, what the init-params {@value InitParams#POOL} and {@value
     * InitParams#POOL_IDLE_TIMEOUT} set). Its component name, log and WASI config are replaced by
     * the servlet's.
     */
    public Builder http(WasiHttpConfig config) {
      this.http = Objects.requireNonNull(config, "config");
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

    /** How the component's core code runs; see {@link InitParams#ENGINE}. */
    public Builder engine(EngineOptions options) {
      this.engine = Objects.requireNonNull(options, "options");
      return this;
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

    /**
     * Whether to swap the component when its file changes (default false); for development. See
     * {@link InitParams#RELOAD}.
     */
    public Builder reload(boolean reload) {
      this.reload = reload;
      return this;
    }

    /**
     * How often {@link #reload(boolean)} looks at the component's file (default {@link
     * WasiHttpServletOptions#DEFAULT_RELOAD_INTERVAL}).
     *
     * @throws IllegalArgumentException unless positive
     */
    public Builder reloadInterval(Duration interval) {
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("reload interval must be positive, got " + interval);
      }
      this.reloadInterval = interval;
      return this;
    }

    /**
     * The options as set so far.
     *
     * @throws IllegalArgumentException when two chained components have one name, or one has the
     *     component's, or with both a chain and {@code reload}
     */
    public WasiHttpServletOptions build() {
      return new WasiHttpServletOptions(this);
    }
  }
}
