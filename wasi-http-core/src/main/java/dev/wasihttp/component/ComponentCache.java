package dev.wasihttp.component;

import dev.wasihttp.component.errors.ComponentException;
import java.lang.ref.SoftReference;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Decoded components by the SHA-256 of their bytes, shared by everything in the JVM that decodes
 * through it (servlets serving the same component, the command line's {@code serve}): a {@link
 * Component} is immutable and thread-safe, and decoding a large one takes seconds. Entries are soft
 * references, so a component no longer used can be collected. Thread-safe.
 */
public final class ComponentCache {
  private static final Map<String, SoftReference<Component>> DECODED = new HashMap<>();

  private ComponentCache() {}

  /**
   * The decoded component for {@code bytes}: the one already decoded from equal bytes, else {@link
   * Component#decode}'s result, then kept.
   *
   * @throws ComponentException as {@link Component#decode} does
   */
  public static Component decode(byte[] bytes) throws ComponentException {
    return decode(bytes, EngineOptions.INTERPRETER);
  }

  /**
   * The decoded component for {@code bytes} loaded with {@code engine}: the one already decoded
   * from equal bytes with equal options, else {@link Component#decode(byte[], EngineOptions)}'s
   * result, then kept.
   *
   * @throws ComponentException as {@link Component#decode(byte[], EngineOptions)} does
   */
  public static Component decode(byte[] bytes, EngineOptions engine) throws ComponentException {
    byte[] sha256 = Component.sha256(bytes); // hashed once, also the compile cache's key
    String key = HexFormat.of().formatHex(sha256) + " " + engine;
    synchronized (DECODED) {
      SoftReference<Component> ref = DECODED.get(key);
      Component cached = ref == null ? null : ref.get();
      if (cached != null) {
        return cached;
      }
    }
    Component component = Component.decode(bytes, engine, sha256);
    synchronized (DECODED) {
      DECODED.values().removeIf(r -> r.get() == null);
      DECODED.put(key, new SoftReference<>(component));
    }
    return component;
  }
}
