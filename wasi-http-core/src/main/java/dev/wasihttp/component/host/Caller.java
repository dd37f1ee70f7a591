package dev.wasihttp.component.host;

/**
 * What a host function knows about the instance calling it: the embedder's data object given at
 * instantiation (per-request state, for example).
 */
public interface Caller {
  /** The object passed to {@link InstancePre#instantiate(Object)}; null if none. */
  Object data();
}
