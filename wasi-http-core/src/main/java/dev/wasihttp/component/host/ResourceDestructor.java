package dev.wasihttp.component.host;

/** Runs when a guest drops the last owning handle of a host resource (its {@code rep}). */
@FunctionalInterface
public interface ResourceDestructor {
  void drop(Caller caller, int rep);
}
