package dev.wasihttp.wasi;

/**
 * Implemented by the data object an embedder hands to {@code InstancePre.instantiate(data)}, so the
 * WASI host functions find the instance's {@link WasiContext} without knowing the data object's
 * class (which also carries wasi:http state, for example).
 *
 * <pre>{@code
 * final class RequestState implements WasiView {
 *   private final WasiContext wasi = new WasiContext(config);
 *   public WasiContext wasi() { return wasi; }
 * }
 * }</pre>
 */
@FunctionalInterface
public interface WasiView {
  /** This instance's WASI state; the same object on every call. */
  WasiContext wasi();
}
