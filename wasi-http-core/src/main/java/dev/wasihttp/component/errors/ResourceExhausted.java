package dev.wasihttp.component.errors;

/**
 * An instance could not be made because a resource that instances share cannot give what it needs
 * now: the memory budget (see {@code dev.wasihttp.component.limits.MemoryBudget}) cannot hold its
 * initial linear memory. Not a fault of the component: the same instantiation may succeed once
 * other instances are dropped, so an HTTP host answers 503.
 */
public final class ResourceExhausted extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ResourceExhausted(String message) {
    super(message);
  }
}
