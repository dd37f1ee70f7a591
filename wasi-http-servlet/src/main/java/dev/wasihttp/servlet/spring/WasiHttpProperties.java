package dev.wasihttp.servlet.spring;

import dev.wasihttp.servlet.InitParams;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code wasi-http.*} properties: the components to serve, each by one {@link
 * dev.wasihttp.servlet.WasiHttpServlet}. Every setting of a component is the init-param of the same
 * name (see {@link InitParams}), as a string in the init-param's syntax ({@code 5s}, {@code
 * 256MiB}), parsed by the same code: defaults, validation and messages are the servlet's. Relaxed
 * binding applies ({@code max-body}, {@code maxBody} and {@code WASI_HTTP_..._MAXBODY} are one
 * property); a property under {@code wasi-http} that none of these names fails the start.
 */
@ConfigurationProperties(prefix = WasiHttpProperties.PREFIX, ignoreUnknownFields = false)
public class WasiHttpProperties {
  /** The prefix of every property. */
  public static final String PREFIX = "wasi-http";

  /** Whether the components are served at all. */
  private boolean enabled = true;

  /** The components to serve, by name (the servlet's name, and the name in logs and metrics). */
  private Map<String, Component> components = new LinkedHashMap<>();

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public Map<String, Component> getComponents() {
    return components;
  }

  public void setComponents(Map<String, Component> components) {
    this.components = components;
  }

  /**
   * One component: where it is, where it is served, and its init-params. A setting left unset
   * (null) takes the init-param's default.
   */
  public static class Component {
    /** The servlet mappings; default {@code /NAME/*}. */
    private List<String> path = new ArrayList<>();

    /**
     * Where the component is (the init-param {@code component}): {@code classpath:…} or a file path
     * (absolute or relative to the working directory; {@code file:} URIs too).
     */
    private String location;

    /** The guest's environment variables (the init-params {@code env.NAME}). */
    private Map<String, String> env = new LinkedHashMap<>();

    /**
     * Outbound-policy entries the component may send requests to ({@code scheme://host[:port]});
     * default none: every outgoing request is denied.
     */
    private List<String> allowOutbound = new ArrayList<>();

    /**
     * Components chained after this one, each {@code [NAME=]LOCATION} (the init-param {@code
     * chain}): its outgoing requests for its own origin, or for {@code http://NAME}, reach them in
     * process; default none.
     */
    private List<String> chain = new ArrayList<>();

    /** {@code HOSTDIR[::GUESTPATH]}: a host directory the guest may read. */
    private String dir;

    /** How core code runs: {@code auto}, {@code compiler} or {@code interpreter}. */
    private String engine;

    /** Where compiled modules are kept, or {@code none}. */
    private String compileCache;

    /** {@code true} to strip the servlet path from the guest's target too. */
    private String stripServletPath;

    /** The authority given to the guest when the client sent none. */
    private String canonicalAuthority;

    /** Comma-separated field names the guest never sees and may not set. */
    private String forbiddenHeaders;

    /** The most bytes one fields object may hold. */
    private String maxFieldSize;

    /** The deadline of one request ({@code 60s}); {@code 0} for none. */
    private String timeout;

    /** Guest calls at once ({@code 64}). */
    private String maxConcurrent;

    /** How long a call waits for its turn ({@code 1s}) before a 503. */
    private String maxConcurrentWait;

    /** The largest request body ({@code 1GiB}). */
    private String maxBody;

    /** Linear memory per instance ({@code 256MiB}). */
    private String maxMemory;

    /** Host-side bytes one request's instance may hold ({@code 16MiB}). */
    private String maxHostMemory;

    /** How long requests in flight may finish at shutdown ({@code 10s}). */
    private String shutdownTimeout;

    /** Instances kept ready ({@code 16}); {@code 0} for a fresh instance per request. */
    private String pool;

    /** How long a ready instance may wait unused ({@code 60s}). */
    private String poolIdleTimeout;

    /** The connect timeout of outgoing requests that set none ({@code 600s}). */
    private String outboundConnectTimeout;

    /** The first-byte timeout of outgoing requests that set none ({@code 600s}). */
    private String outboundFirstByteTimeout;

    /** The between-bytes timeout of outgoing requests that set none ({@code 600s}). */
    private String outboundBetweenBytesTimeout;

    /** A key store whose certificates outgoing TLS connections trust. */
    private String trustStore;

    /** The trust store's password. */
    private String trustStorePassword;

    /** The trust store's format ({@code PKCS12}). */
    private String trustStoreType;

    /** A ServletContext attribute holding the application's Jetty HttpClient. */
    private String httpClientAttribute;

    /** Development mode: swap the component when its file changes ({@code false}). */
    private String reload;

    /** How often a reloading component's file is looked at ({@code 1s}). */
    private String reloadInterval;

    public List<String> getPath() {
      return path;
    }

    public void setPath(List<String> path) {
      this.path = path;
    }

    public String getLocation() {
      return location;
    }

    public void setLocation(String location) {
      this.location = location;
    }

    public Map<String, String> getEnv() {
      return env;
    }

    public void setEnv(Map<String, String> env) {
      this.env = env;
    }

    public List<String> getAllowOutbound() {
      return allowOutbound;
    }

    public void setAllowOutbound(List<String> allowOutbound) {
      this.allowOutbound = allowOutbound;
    }

    public List<String> getChain() {
      return chain;
    }

    public void setChain(List<String> chain) {
      this.chain = chain;
    }

    public String getDir() {
      return dir;
    }

    public void setDir(String dir) {
      this.dir = dir;
    }

    public String getEngine() {
      return engine;
    }

    public void setEngine(String engine) {
      this.engine = engine;
    }

    public String getCompileCache() {
      return compileCache;
    }

    public void setCompileCache(String compileCache) {
      this.compileCache = compileCache;
    }

    public String getStripServletPath() {
      return stripServletPath;
    }

    public void setStripServletPath(String stripServletPath) {
      this.stripServletPath = stripServletPath;
    }

    public String getCanonicalAuthority() {
      return canonicalAuthority;
    }

    public void setCanonicalAuthority(String canonicalAuthority) {
      this.canonicalAuthority = canonicalAuthority;
    }

    public String getForbiddenHeaders() {
      return forbiddenHeaders;
    }

    public void setForbiddenHeaders(String forbiddenHeaders) {
      this.forbiddenHeaders = forbiddenHeaders;
    }

    public String getMaxFieldSize() {
      return maxFieldSize;
    }

    public void setMaxFieldSize(String maxFieldSize) {
      this.maxFieldSize = maxFieldSize;
    }

    public String getTimeout() {
      return timeout;
    }

    public void setTimeout(String timeout) {
      this.timeout = timeout;
    }

    public String getMaxConcurrent() {
      return maxConcurrent;
    }

    public void setMaxConcurrent(String maxConcurrent) {
      this.maxConcurrent = maxConcurrent;
    }

    public String getMaxConcurrentWait() {
      return maxConcurrentWait;
    }

    public void setMaxConcurrentWait(String maxConcurrentWait) {
      this.maxConcurrentWait = maxConcurrentWait;
    }

    public String getMaxBody() {
      return maxBody;
    }

    public void setMaxBody(String maxBody) {
      this.maxBody = maxBody;
    }

    public String getMaxMemory() {
      return maxMemory;
    }

    public void setMaxMemory(String maxMemory) {
      this.maxMemory = maxMemory;
    }

    public String getMaxHostMemory() {
      return maxHostMemory;
    }

    public void setMaxHostMemory(String maxHostMemory) {
      this.maxHostMemory = maxHostMemory;
    }

    public String getShutdownTimeout() {
      return shutdownTimeout;
    }

    public void setShutdownTimeout(String shutdownTimeout) {
      this.shutdownTimeout = shutdownTimeout;
    }

    public String getPool() {
      return pool;
    }

    public void setPool(String pool) {
      this.pool = pool;
    }

    public String getReload() {
      return reload;
    }

    public void setReload(String reload) {
      this.reload = reload;
    }

    public String getReloadInterval() {
      return reloadInterval;
    }

    public void setReloadInterval(String reloadInterval) {
      this.reloadInterval = reloadInterval;
    }

    public String getPoolIdleTimeout() {
      return poolIdleTimeout;
    }

    public void setPoolIdleTimeout(String poolIdleTimeout) {
      this.poolIdleTimeout = poolIdleTimeout;
    }

    public String getOutboundConnectTimeout() {
      return outboundConnectTimeout;
    }

    public void setOutboundConnectTimeout(String outboundConnectTimeout) {
      this.outboundConnectTimeout = outboundConnectTimeout;
    }

    public String getOutboundFirstByteTimeout() {
      return outboundFirstByteTimeout;
    }

    public void setOutboundFirstByteTimeout(String outboundFirstByteTimeout) {
      this.outboundFirstByteTimeout = outboundFirstByteTimeout;
    }

    public String getOutboundBetweenBytesTimeout() {
      return outboundBetweenBytesTimeout;
    }

    public void setOutboundBetweenBytesTimeout(String outboundBetweenBytesTimeout) {
      this.outboundBetweenBytesTimeout = outboundBetweenBytesTimeout;
    }

    public String getTrustStore() {
      return trustStore;
    }

    public void setTrustStore(String trustStore) {
      this.trustStore = trustStore;
    }

    public String getTrustStorePassword() {
      return trustStorePassword;
    }

    public void setTrustStorePassword(String trustStorePassword) {
      this.trustStorePassword = trustStorePassword;
    }

    public String getTrustStoreType() {
      return trustStoreType;
    }

    public void setTrustStoreType(String trustStoreType) {
      this.trustStoreType = trustStoreType;
    }

    public String getHttpClientAttribute() {
      return httpClientAttribute;
    }

    public void setHttpClientAttribute(String httpClientAttribute) {
      this.httpClientAttribute = httpClientAttribute;
    }

    /**
     * The init-params these settings stand for, by their {@link InitParams} names: the unset ones
     * left out, {@code name} as {@value InitParams#COMPONENT_NAME}, the outbound entries joined by
     * commas.
     */
    Map<String, String> initParameters(String name) {
      Map<String, String> p = new LinkedHashMap<>();
      put(p, InitParams.COMPONENT, location);
      put(p, InitParams.COMPONENT_NAME, name);
      env.forEach((k, v) -> p.put(InitParams.ENV_PREFIX + k, v == null ? "" : v));
      if (!allowOutbound.isEmpty()) {
        p.put(InitParams.ALLOW_OUTBOUND, String.join(", ", allowOutbound));
      }
      if (!chain.isEmpty()) {
        p.put(InitParams.CHAIN, String.join(", ", chain));
      }
      put(p, InitParams.DIR, dir);
      put(p, InitParams.ENGINE, engine);
      put(p, InitParams.COMPILE_CACHE, compileCache);
      put(p, InitParams.STRIP_SERVLET_PATH, stripServletPath);
      put(p, InitParams.CANONICAL_AUTHORITY, canonicalAuthority);
      put(p, InitParams.FORBIDDEN_HEADERS, forbiddenHeaders);
      put(p, InitParams.MAX_FIELD_SIZE, maxFieldSize);
      put(p, InitParams.TIMEOUT, timeout);
      put(p, InitParams.MAX_CONCURRENT, maxConcurrent);
      put(p, InitParams.MAX_CONCURRENT_WAIT, maxConcurrentWait);
      put(p, InitParams.MAX_BODY, maxBody);
      put(p, InitParams.MAX_MEMORY, maxMemory);
      put(p, InitParams.MAX_HOST_MEMORY, maxHostMemory);
      put(p, InitParams.SHUTDOWN_TIMEOUT, shutdownTimeout);
      put(p, InitParams.POOL, pool);
      put(p, InitParams.POOL_IDLE_TIMEOUT, poolIdleTimeout);
      put(p, InitParams.OUTBOUND_CONNECT_TIMEOUT, outboundConnectTimeout);
      put(p, InitParams.OUTBOUND_FIRST_BYTE_TIMEOUT, outboundFirstByteTimeout);
      put(p, InitParams.OUTBOUND_BETWEEN_BYTES_TIMEOUT, outboundBetweenBytesTimeout);
      put(p, InitParams.TRUST_STORE, trustStore);
      put(p, InitParams.TRUST_STORE_PASSWORD, trustStorePassword);
      put(p, InitParams.TRUST_STORE_TYPE, trustStoreType);
      put(p, InitParams.HTTP_CLIENT_ATTRIBUTE, httpClientAttribute);
      put(p, InitParams.RELOAD, reload);
      put(p, InitParams.RELOAD_INTERVAL, reloadInterval);
      return p;
    }

    private static void put(Map<String, String> p, String name, String value) {
      if (value != null) {
        p.put(name, value);
      }
    }
  }
}
