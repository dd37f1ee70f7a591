package dev.wasihttp.component.host;

import dev.wasihttp.component.errors.Trap;
import dev.wasihttp.component.values.Val;
import java.util.List;

/**
 * A component function implemented in Java, registered on a {@code Linker}. It receives the
 * arguments lifted by the canonical ABI (typed by the importing component's declaration) and
 * returns its result, or null for a function without one. Throw {@link Trap} to trap the guest.
 * Implementations must be thread-safe: one is shared by every instance; per-instance state belongs
 * in {@link Caller#data()}.
 *
 * @param <T> the embedder's per-instance data type
 */
@FunctionalInterface
public interface HostFunction<T> {
  Val call(Caller<T> caller, List<Val> args);
}
