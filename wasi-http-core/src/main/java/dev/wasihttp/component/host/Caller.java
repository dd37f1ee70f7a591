package dev.wasihttp.component.host;

/**
 * What a host function knows about the instance calling it: the embedder's per-instance data, typed
 * as the {@code Linker<T>} it was registered on (Wasmtime's {@code Store<T>} data), so a host
 * reaches its state without a cast.
 *
 * @param <T> the embedder's data type
 */
public interface Caller<T> {
  /** The data of the calling instance: the object given to {@code InstancePre.instantiate}. */
  T data();
}
