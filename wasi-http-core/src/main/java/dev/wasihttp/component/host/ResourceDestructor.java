package dev.wasihttp.component.host;

/**
 * Runs when a guest drops the last owning handle of a host resource (its {@code rep}).
 *
 * @param <T> the embedder's per-instance data type
 */
@FunctionalInterface
public interface ResourceDestructor<T> {
  void drop(Caller<T> caller, int rep);
}
