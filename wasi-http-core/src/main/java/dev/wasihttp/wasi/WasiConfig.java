package dev.wasihttp.wasi;

import dev.wasihttp.wasi.clocks.MonotonicClock;
import dev.wasihttp.wasi.clocks.WallClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * What the WASI host grants a component: immutable, built with {@link #builder()}, shared by every
 * instance (each gets its own {@link WasiContext}). Deny by default: no environment, no arguments,
 * no directory, no network (sockets are always denied). Every option has a documented default,
 * named by a constant where it is a value.
 *
 * <pre>{@code
 * WasiConfig config = WasiConfig.builder()
 *     .componentName("hello.wasm")
 *     .env("GREETING", "hi")
 *     .directory(Path.of("static"), "/static")
 *     .stdout((component, line) -> log.info("{}: {}", component, line))
 *     .build();
 * }</pre>
 */
public final class WasiConfig {
  /** The component's name in output lines when none is configured. */
  public static final String DEFAULT_COMPONENT_NAME = "component";

  /** Where the host directory appears in the guest when no guest path is given. */
  public static final String DEFAULT_GUEST_PATH = "/";

  /** 100,000: the most host resources one instance may hold at once. */
  public static final int DEFAULT_MAX_RESOURCES = 100_000;

  /** 1 MiB: the most bytes one {@code get-random-bytes} (or insecure) call may ask for. */
  public static final int DEFAULT_MAX_RANDOM_BYTES = 1024 * 1024;

  private final String componentName;
  private final Map<String, String> environment;
  private final List<String> arguments;
  private final Optional<String> initialCwd;
  private final LineSink stdout;
  private final LineSink stderr;
  private final Optional<Path> directory;
  private final String guestPath;
  private final MonotonicClock monotonicClock;
  private final WallClock wallClock;
  private final RandomGenerator random;
  private final RandomGenerator insecureRandom;
  private final long[] insecureSeed;
  private final int maxResources;
  private final int maxRandomBytes;

  private WasiConfig(Builder b) {
    componentName = b.componentName;
    environment = Collections.unmodifiableMap(new LinkedHashMap<>(b.environment));
    arguments = List.copyOf(b.arguments);
    initialCwd = Optional.ofNullable(b.initialCwd);
    stdout = b.stdout;
    stderr = b.stderr;
    directory = Optional.ofNullable(b.directory);
    guestPath = b.guestPath;
    monotonicClock = b.monotonicClock != null ? b.monotonicClock : MonotonicClock.system();
    wallClock = b.wallClock;
    random = b.random != null ? b.random : new SecureRandom();
    insecureRandom = b.insecureRandom;
    insecureSeed = b.insecureSeed == null ? null : b.insecureSeed.clone();
    maxResources = b.maxResources;
    maxRandomBytes = b.maxRandomBytes;
  }

  /** A builder with every option at its default. */
  public static Builder builder() {
    return new Builder();
  }

  /** Every option at its default: nothing granted. */
  public static WasiConfig defaults() {
    return builder().build();
  }

  /** The component's name, tagging its output lines; default {@link #DEFAULT_COMPONENT_NAME}. */
  public String componentName() {
    return componentName;
  }

  /** Environment variables in the order given; default none. */
  public Map<String, String> environment() {
    return environment;
  }

  /** Command-line arguments; default none. */
  public List<String> arguments() {
    return arguments;
  }

  /** What {@code initial-cwd} answers; default none. */
  public Optional<String> initialCwd() {
    return initialCwd;
  }

  /** Where standard output lines go; default {@link LineSink#systemOut()}. */
  public LineSink stdout() {
    return stdout;
  }

  /** Where standard error lines go; default {@link LineSink#systemErr()}. */
  public LineSink stderr() {
    return stderr;
  }

  /** The host directory preopened read-only (its real path); default none. */
  public Optional<Path> directory() {
    return directory;
  }

  /** Where {@link #directory()} appears in the guest; default {@link #DEFAULT_GUEST_PATH}. */
  public String guestPath() {
    return guestPath;
  }

  /** The monotonic clock; default {@link MonotonicClock#system()}. */
  public MonotonicClock monotonicClock() {
    return monotonicClock;
  }

  /** The wall clock; default {@link WallClock#system()}. */
  public WallClock wallClock() {
    return wallClock;
  }

  /** The source of {@code wasi:random/random}; default a {@link SecureRandom}. Thread-safe. */
  public RandomGenerator random() {
    return random;
  }

  /** The source of {@code wasi:random/insecure}; default {@link ThreadLocalRandom}. Thread-safe. */
  public RandomGenerator insecureRandom() {
    return insecureRandom;
  }

  /**
   * The fixed {@code insecure-seed} as two longs, or empty (the default) for a fresh seed per
   * instance drawn from {@link #insecureRandom()}.
   */
  public Optional<long[]> insecureSeed() {
    return Optional.ofNullable(insecureSeed == null ? null : insecureSeed.clone());
  }

  /** The resource table's capacity; default {@link #DEFAULT_MAX_RESOURCES}. */
  public int maxResources() {
    return maxResources;
  }

  /** The cap of one random-bytes call; default {@link #DEFAULT_MAX_RANDOM_BYTES}. */
  public int maxRandomBytes() {
    return maxRandomBytes;
  }

  /** Builds a {@link WasiConfig}; not thread-safe. */
  public static final class Builder {
    private String componentName = DEFAULT_COMPONENT_NAME;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private List<String> arguments = List.of();
    private String initialCwd;
    private LineSink stdout = LineSink.systemOut();
    private LineSink stderr = LineSink.systemErr();
    private Path directory;
    private String guestPath = DEFAULT_GUEST_PATH;
    private MonotonicClock monotonicClock;
    private WallClock wallClock = WallClock.system();
    private RandomGenerator random;
    private RandomGenerator insecureRandom = () -> ThreadLocalRandom.current().nextLong();
    private long[] insecureSeed;
    private int maxResources = DEFAULT_MAX_RESOURCES;
    private int maxRandomBytes = DEFAULT_MAX_RANDOM_BYTES;

    private Builder() {}

    /** The component's name in output lines (e.g. its file name). */
    public Builder componentName(String name) {
      componentName = Objects.requireNonNull(name, "name");
      return this;
    }

    /** Adds (or replaces) one environment variable. */
    public Builder env(String name, String value) {
      environment.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Adds every entry of {@code variables}, in its iteration order. */
    public Builder env(Map<String, String> variables) {
      variables.forEach(this::env);
      return this;
    }

    /** Replaces the arguments ({@code get-arguments}; the first is usually the program name). */
    public Builder args(List<String> args) {
      arguments = List.copyOf(args);
      return this;
    }

    /** What {@code initial-cwd} answers, or null for none. */
    public Builder initialCwd(String cwd) {
      initialCwd = cwd;
      return this;
    }

    /** Where standard output lines go. */
    public Builder stdout(LineSink sink) {
      stdout = Objects.requireNonNull(sink, "sink");
      return this;
    }

    /** Where standard error lines go. */
    public Builder stderr(LineSink sink) {
      stderr = Objects.requireNonNull(sink, "sink");
      return this;
    }

    /** Preopens {@code hostDir} read-only at {@link #DEFAULT_GUEST_PATH}. */
    public Builder directory(Path hostDir) {
      return directory(hostDir, DEFAULT_GUEST_PATH);
    }

    /**
     * Preopens {@code hostDir} read-only at {@code guestPath}: the guest may read below it and
     * nowhere else (no {@code ..} or symbolic link leads out), and every write fails.
     *
     * @throws IllegalArgumentException when {@code hostDir} is not a directory
     * @throws UncheckedIOException when its real path cannot be resolved
     */
    public Builder directory(Path hostDir, String guestPath) {
      Objects.requireNonNull(hostDir, "hostDir");
      if (!Files.isDirectory(hostDir)) {
        throw new IllegalArgumentException("not a directory: " + hostDir);
      }
      try {
        directory = hostDir.toRealPath();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      this.guestPath = Objects.requireNonNull(guestPath, "guestPath");
      return this;
    }

    /** Replaces the monotonic clock. */
    public Builder monotonicClock(MonotonicClock clock) {
      monotonicClock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Replaces the wall clock. */
    public Builder wallClock(WallClock clock) {
      wallClock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Replaces the secure random source (must be thread-safe and cryptographically strong). */
    public Builder random(RandomGenerator source) {
      random = Objects.requireNonNull(source, "source");
      return this;
    }

    /** Replaces the insecure random source (must be thread-safe). */
    public Builder insecureRandom(RandomGenerator source) {
      insecureRandom = Objects.requireNonNull(source, "source");
      return this;
    }

    /** Fixes what {@code insecure-seed} answers in every instance. */
    public Builder insecureSeed(long first, long second) {
      insecureSeed = new long[] {first, second};
      return this;
    }

    /** The resource table's capacity per instance (positive). */
    public Builder maxResources(int max) {
      if (max <= 0) {
        throw new IllegalArgumentException("maxResources must be positive: " + max);
      }
      maxResources = max;
      return this;
    }

    /** The most bytes one random-bytes call may ask for (at least 0); more traps. */
    public Builder maxRandomBytes(int max) {
      if (max < 0) {
        throw new IllegalArgumentException("maxRandomBytes must not be negative: " + max);
      }
      maxRandomBytes = max;
      return this;
    }

    /** An immutable config with this builder's options; the builder may be reused. */
    public WasiConfig build() {
      return new WasiConfig(this);
    }
  }
}
