package dev.wasihttp.http.proxy;

import dev.wasihttp.component.InstancePool;
import dev.wasihttp.component.limits.MemoryBudget;
import dev.wasihttp.http.LogSink;
import dev.wasihttp.http.Timeouts;
import dev.wasihttp.http.client.OutboundPolicy;
import dev.wasihttp.http.client.OutgoingHandler;
import dev.wasihttp.http.client.jetty.JettyOutgoingHandler;
import dev.wasihttp.wasi.LineSink;
import dev.wasihttp.wasi.WasiConfig;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * How a {@link WasiHttpHandler} runs its component: immutable, built with {@link #builder()}. Every
 * option has a default, named by a constant where it is a value.
 *
 * <pre>{@code
 * WasiHttpConfig config = WasiHttpConfig.builder()
 *     .componentName("shop.wasm")
 *     .log(sink)
 *     .wasi(WasiHttpConfig.wasiBuilder("shop.wasm", sink).env("GREETING", "hi").build())
 *     .timeout(Duration.ofSeconds(30))
 *     .build();
 * }</pre>
 */
public final class WasiHttpConfig {
  /**
   * Field names the guest may not set and never sees (Wasmtime's default list): hop-by-hop and
   * connection-level fields that the container owns.
   */
  public static final Set<String> DEFAULT_FORBIDDEN_HEADERS =
      Set.of(
          "connection",
          "keep-alive",
          "proxy-authenticate",
          "proxy-authorization",
          "proxy-connection",
          "transfer-encoding",
          "upgrade",
          "host",
          "http2-settings");

  /** 128 KiB: the most one {@code fields} object may hold (Wasmtime's default). */
  public static final int DEFAULT_MAX_FIELD_SIZE = 128 * 1024;

  /** 60 s: how long one request may run before the guest is interrupted ({@link #timeout()}). */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  /** 64: how many guest calls may run at once ({@link #maxConcurrent()}). */
  public static final int DEFAULT_MAX_CONCURRENT = 64;

  /** 1 s: how long a request waits for a free guest call ({@link #maxConcurrentWait()}). */
  public static final Duration DEFAULT_MAX_CONCURRENT_WAIT = Duration.ofSeconds(1);

  /** 1 GiB: the largest request body ({@link #maxBody()}). */
  public static final long DEFAULT_MAX_BODY = 1L << 30;

  /** 256 MiB: the most linear memory one instance may have ({@link #maxMemory()}). */
  public static final long DEFAULT_MAX_MEMORY = 256L << 20;

  /** 16 MiB: the most host-side bytes one instance may hold ({@link #maxHostMemory()}). */
  public static final long DEFAULT_MAX_HOST_MEMORY = 16L << 20;

  /** 10 s: how long requests in flight may finish at shutdown ({@link #shutdownTimeout()}). */
  public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

  /** The name used in log lines when none is configured. */
  public static final String DEFAULT_COMPONENT_NAME = "component";

  private final String componentName;
  private final Set<String> forbiddenHeaders;
  private final int maxFieldSize;
  private final Duration timeout;
  private final int maxConcurrent;
  private final Duration maxConcurrentWait;
  private final long maxBody;
  private final long maxMemory;
  private final long maxHostMemory;
  private final MemoryBudget memoryBudget;
  private final Duration shutdownTimeout;
  private final LogSink log;
  private final WasiConfig wasi;
  private final boolean wasiGiven;
  private final OutboundPolicy outboundPolicy;
  private final OutgoingHandler.Factory outgoingHandler;
  private final InstancePool.Config pool;

  private WasiHttpConfig(Builder b) {
    this.componentName = b.componentName;
    this.forbiddenHeaders = Set.copyOf(b.forbiddenHeaders);
    this.maxFieldSize = b.maxFieldSize;
    this.timeout = b.timeout;
    this.maxConcurrent = b.maxConcurrent;
    this.maxConcurrentWait = b.maxConcurrentWait;
    this.maxBody = b.maxBody;
    this.maxMemory = b.maxMemory;
    this.maxHostMemory = b.maxHostMemory;
    this.memoryBudget = b.memoryBudget;
    this.shutdownTimeout = b.shutdownTimeout;
    this.log = b.log;
    this.wasiGiven = b.wasi != null;
    this.outboundPolicy = b.outboundPolicy;
    this.outgoingHandler = b.outgoingHandler;
    this.pool = b.pool;
    this.wasi = wasiGiven ? b.wasi : wasiBuilder(b.componentName, b.log).build();
  }

  /**
   * A WASI config builder whose guest standard output goes to {@code log} at {@code INFO} and
   * standard error at {@code WARN}, one line per call as {@code [name] line}; nothing else granted.
   * Add environment variables or a directory, build, and pass it to {@link Builder#wasi}.
   */
  public static WasiConfig.Builder wasiBuilder(String componentName, LogSink log) {
    return WasiConfig.builder()
        .componentName(componentName)
        .stdout(lines(log, LogSink.Level.INFO))
        .stderr(lines(log, LogSink.Level.WARN));
  }

  private static LineSink lines(LogSink log, LogSink.Level level) {
    return (component, line) -> log.log(level, "[" + component + "] " + line);
  }

  /** A builder with every option at its default. */
  public static Builder builder() {
    return new Builder();
  }

  /** The configuration with every option at its default. */
  public static WasiHttpConfig defaults() {
    return builder().build();
  }

  /** The component's name in log lines; default {@link #DEFAULT_COMPONENT_NAME}. */
  public String componentName() {
    return componentName;
  }

  /** Forbidden field names, lower case; default {@link #DEFAULT_FORBIDDEN_HEADERS}. */
  public Set<String> forbiddenHeaders() {
    return forbiddenHeaders;
  }

  /** The size cap of one fields object in bytes; default {@link #DEFAULT_MAX_FIELD_SIZE}. */
  public int maxFieldSize() {
    return maxFieldSize;
  }

  /**
   * The deadline of one request, or {@link Duration#ZERO} for none; default {@link
   * #DEFAULT_TIMEOUT}. Past it the guest is interrupted, computing or blocked in {@code poll}; the
   * request ends with 504, or an aborted response if it had started.
   */
  public Duration timeout() {
    return timeout;
  }

  /**
   * How many guest calls of this handler may run at once; default {@link #DEFAULT_MAX_CONCURRENT}.
   * A request over it waits up to {@link #maxConcurrentWait()}, then gets 503 with {@code
   * Retry-After}.
   */
  public int maxConcurrent() {
    return maxConcurrent;
  }

  /**
   * How long a request over {@link #maxConcurrent()} waits for a free call; default {@link
   * #DEFAULT_MAX_CONCURRENT_WAIT}; zero: none.
   */
  public Duration maxConcurrentWait() {
    return maxConcurrentWait;
  }

  /**
   * The largest request body in bytes; default {@link #DEFAULT_MAX_BODY}. A declared length over it
   * is answered with 413 before the guest runs; a body that grows past it fails the guest's read
   * with {@code HTTP-request-body-size}.
   */
  public long maxBody() {
    return maxBody;
  }

  /**
   * The most linear memory one instance may have, in bytes, all its core memories together; default
   * {@link #DEFAULT_MAX_MEMORY}. Past it {@code memory.grow} returns -1. A component whose
   * instances start with more fails {@link WasiHttpHandler#create}.
   */
  public long maxMemory() {
    return maxMemory;
  }

  /**
   * The most host-side bytes one request's instance may hold for its guest, in bytes; default
   * {@link #DEFAULT_MAX_HOST_MEMORY}. Counted: 64 bytes per host resource the guest holds, the
   * fields it holds (as {@link #maxFieldSize()} counts them), the request body buffered ahead of it
   * once it opened it, the response body it wrote before setting the response, and what its
   * outgoing-request bodies hold unsent. Past it the guest's call traps with {@code host memory
   * limit exceeded}.
   */
  public long maxHostMemory() {
    return maxHostMemory;
  }

  /**
   * The budget every instance of the handler reserves its linear memory from, shared with the other
   * handlers that use it; default {@link MemoryBudget#jvm()}. When it is full, the instances idle
   * longest in the pools of all those handlers are dropped to make room; when that is not enough
   * (the rest are in use), a request that needs a new instance gets 503, and a {@code memory.grow}
   * past it returns -1.
   */
  public MemoryBudget memoryBudget() {
    return memoryBudget != null ? memoryBudget : MemoryBudget.jvm();
  }

  /**
   * How long {@link WasiHttpHandler#close()} lets requests in flight finish before it interrupts
   * them; default {@link #DEFAULT_SHUTDOWN_TIMEOUT}.
   */
  public Duration shutdownTimeout() {
    return shutdownTimeout;
  }

  /** Where log lines go; default {@link LogSink#stderr()}. */
  public LogSink log() {
    return log;
  }

  /**
   * What the WASI host grants the component (environment, directory, clocks, where guest output
   * goes); default {@link #wasiBuilder}{@code (componentName, log).build()}: nothing granted, guest
   * output in the log sink.
   */
  public WasiConfig wasi() {
    return wasi;
  }

  /**
   * Which destinations outgoing requests ({@code wasi:http/outgoing-handler}) may reach; default
   * {@link OutboundPolicy#denyAll()}. A denied request fails with {@code HTTP-request-denied}, is
   * logged at {@code WARN} and opens no connection.
   */
  public OutboundPolicy outboundPolicy() {
    return outboundPolicy;
  }

  /**
   * What sends the outgoing requests the policy allows: each handler gets its own {@link
   * OutgoingHandler} from this factory when it is created; default {@link
   * JettyOutgoingHandler#defaults()} (Jetty's {@code HttpClient}, its own client and 600 s
   * timeouts). The policy's name check is made by the host whatever the factory.
   */
  public OutgoingHandler.Factory outgoingHandler() {
    return outgoingHandler;
  }

  /**
   * How many instances wait, reset to their image, for the next request and for how long; default
   * {@link InstancePool.Config#DEFAULT}. {@link InstancePool.Config#NONE} instantiates afresh for
   * every request.
   */
  public InstancePool.Config pool() {
    return pool;
  }

  /** A builder of a config with this one's options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.componentName = componentName;
    b.forbiddenHeaders = new LinkedHashSet<>(forbiddenHeaders);
    b.maxFieldSize = maxFieldSize;
    b.timeout = timeout;
    b.maxConcurrent = maxConcurrent;
    b.maxConcurrentWait = maxConcurrentWait;
    b.maxBody = maxBody;
    b.maxMemory = maxMemory;
    b.maxHostMemory = maxHostMemory;
    b.memoryBudget = memoryBudget;
    b.shutdownTimeout = shutdownTimeout;
    b.log = log;
    b.wasi = wasiGiven ? wasi : null; // a default one follows the new name and log
    b.outboundPolicy = outboundPolicy;
    b.outgoingHandler = outgoingHandler;
    b.pool = pool;
    return b;
  }

  /** Builds a {@link WasiHttpConfig}; not thread-safe. */
  public static final class Builder {
    private String componentName = DEFAULT_COMPONENT_NAME;
    private Set<String> forbiddenHeaders = new LinkedHashSet<>(DEFAULT_FORBIDDEN_HEADERS);
    private int maxFieldSize = DEFAULT_MAX_FIELD_SIZE;
    private Duration timeout = DEFAULT_TIMEOUT;
    private int maxConcurrent = DEFAULT_MAX_CONCURRENT;
    private Duration maxConcurrentWait = DEFAULT_MAX_CONCURRENT_WAIT;
    private long maxBody = DEFAULT_MAX_BODY;
    private long maxMemory = DEFAULT_MAX_MEMORY;
    private long maxHostMemory = DEFAULT_MAX_HOST_MEMORY;
    private MemoryBudget memoryBudget;
    private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
    private LogSink log = LogSink.stderr();
    private WasiConfig wasi;
    private OutboundPolicy outboundPolicy = OutboundPolicy.denyAll();
    private OutgoingHandler.Factory outgoingHandler = JettyOutgoingHandler.defaults();
    private InstancePool.Config pool = InstancePool.Config.DEFAULT;

    private Builder() {}

    /** Which destinations outgoing requests may reach. */
    public Builder outboundPolicy(OutboundPolicy policy) {
      this.outboundPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** See {@link WasiHttpConfig#outgoingHandler()}. */
    public Builder outgoingHandler(OutgoingHandler.Factory factory) {
      this.outgoingHandler = Objects.requireNonNull(factory, "factory");
      return this;
    }

    /** The component's name in log lines (e.g. its file name). */
    public Builder componentName(String name) {
      this.componentName = Objects.requireNonNull(name, "name");
      return this;
    }

    /** Replaces the forbidden field names (any case; stored lower case). */
    public Builder forbiddenHeaders(Set<String> names) {
      Set<String> out = new LinkedHashSet<>();
      for (String n : names) {
        out.add(n.toLowerCase(Locale.ROOT));
      }
      this.forbiddenHeaders = out;
      return this;
    }

    /** The size cap of one fields object, in bytes (positive). */
    public Builder maxFieldSize(int bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("maxFieldSize must be positive: " + bytes);
      }
      this.maxFieldSize = bytes;
      return this;
    }

    /** See {@link WasiHttpConfig#timeout()}; {@link Duration#ZERO} for none. */
    public Builder timeout(Duration timeout) {
      this.timeout = Timeouts.checked(timeout, "timeout", true);
      return this;
    }

    /** See {@link WasiHttpConfig#maxConcurrent()}; at least 1. */
    public Builder maxConcurrent(int calls) {
      if (calls < 1) {
        throw new IllegalArgumentException("maxConcurrent must be at least 1: " + calls);
      }
      this.maxConcurrent = calls;
      return this;
    }

    /** See {@link WasiHttpConfig#maxConcurrentWait()}; {@link Duration#ZERO} for none. */
    public Builder maxConcurrentWait(Duration wait) {
      this.maxConcurrentWait = Timeouts.checked(wait, "maxConcurrentWait", true);
      return this;
    }

    /** See {@link WasiHttpConfig#maxBody()}; 0 or more. */
    public Builder maxBody(long bytes) {
      this.maxBody = notNegative(bytes, "maxBody");
      return this;
    }

    /** See {@link WasiHttpConfig#maxMemory()}; 0 or more. */
    public Builder maxMemory(long bytes) {
      this.maxMemory = notNegative(bytes, "maxMemory");
      return this;
    }

    /** See {@link WasiHttpConfig#maxHostMemory()}; 0 or more. */
    public Builder maxHostMemory(long bytes) {
      this.maxHostMemory = notNegative(bytes, "maxHostMemory");
      return this;
    }

    /** See {@link WasiHttpConfig#memoryBudget()}; null for {@link MemoryBudget#jvm()}. */
    public Builder memoryBudget(MemoryBudget budget) {
      this.memoryBudget = budget;
      return this;
    }

    /** See {@link WasiHttpConfig#shutdownTimeout()}; {@link Duration#ZERO}: abort at once. */
    public Builder shutdownTimeout(Duration timeout) {
      this.shutdownTimeout = Timeouts.checked(timeout, "shutdownTimeout", true);
      return this;
    }

    private static long notNegative(long bytes, String name) {
      if (bytes < 0) {
        throw new IllegalArgumentException(name + " must not be negative: " + bytes);
      }
      return bytes;
    }

    /** Where log lines go. */
    public Builder log(LogSink sink) {
      this.log = Objects.requireNonNull(sink, "sink");
      return this;
    }

    /**
     * What the WASI host grants; null (the default) for {@link #wasiBuilder}{@code (componentName,
     * log)}. A config given here is used as it is, guest output sinks included.
     */
    public Builder wasi(WasiConfig config) {
      this.wasi = config;
      return this;
    }

    /** The instance pool's size and idle timeout; {@link InstancePool.Config#NONE} for none. */
    public Builder pool(InstancePool.Config config) {
      this.pool = Objects.requireNonNull(config, "config");
      return this;
    }

    public WasiHttpConfig build() {
      return new WasiHttpConfig(this);
    }
  }
}
