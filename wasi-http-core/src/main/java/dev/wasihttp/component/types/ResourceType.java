package dev.wasihttp.component.types;

import java.util.Objects;

/**
 * A resource type. Resource types are generative: every definition, and every instantiation of a
 * component that defines one, is a new type, so this class compares by identity, never by name.
 *
 * <p>A resource type seen in a component's static types (an imported {@code (sub resource)} or a
 * {@code (resource (rep i32))} definition) is a type variable that each instance binds to the
 * resource type it was given or created. Host code creates its resource types with {@link
 * #host(String)} and registers them on a {@code Linker}.
 */
public final class ResourceType {
  private final String name;
  private final boolean host;

  private ResourceType(String name, boolean host) {
    this.name = Objects.requireNonNull(name, "name");
    this.host = host;
  }

  /** A new resource type implemented by host (Java) code. */
  public static ResourceType host(String name) {
    return new ResourceType(name, true);
  }

  /** A new resource type defined by a component (or a type variable standing for one). */
  public static ResourceType guest(String name) {
    return new ResourceType(name, false);
  }

  /** The name it was declared or exported under (for messages and WIT; not part of identity). */
  public String name() {
    return name;
  }

  /** Whether host code implements this resource (its representation is a host table index). */
  public boolean isHost() {
    return host;
  }

  @Override
  public String toString() {
    return "resource " + name + "@" + Integer.toHexString(System.identityHashCode(this));
  }
}
