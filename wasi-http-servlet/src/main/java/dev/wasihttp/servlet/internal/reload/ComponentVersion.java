package dev.wasihttp.servlet.internal.reload;

import dev.wasihttp.http.proxy.WasiHttpHandler;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One loaded version of a reloading servlet's component: its handler, and the requests that hold a
 * lease on it. A request takes a lease before it calls the handler and gives it back after, so a
 * version that a reload replaced is closed only once its last request has ended: no request that
 * took it just before the swap is answered 503 by a closed handler.
 *
 * <p>Once {@link #retire retired}, a version takes no new lease ({@link #acquire} returns false:
 * the caller takes the version that replaced it), and {@code drained} runs exactly once, when the
 * last lease is given back (at once when none is held). Thread-safe and lock-free.
 */
final class ComponentVersion {
  /** The sign bit of {@link #state}: retired. The other bits count the leases held. */
  private static final int RETIRED = Integer.MIN_VALUE;

  final WasiHttpHandler handler;

  /** 1 for the component loaded at start, one more for each reload. */
  final int number;

  private final AtomicInteger state = new AtomicInteger();
  private final Consumer<ComponentVersion> drained;

  ComponentVersion(WasiHttpHandler handler, int number, Consumer<ComponentVersion> drained) {
    this.handler = handler;
    this.number = number;
    this.drained = drained;
  }

  /** Takes a lease; false when the version is retired (then nothing is held). */
  boolean acquire() {
    while (true) {
      int s = state.get();
      if (s < 0) {
        return false;
      }
      if (state.compareAndSet(s, s + 1)) {
        return true;
      }
    }
  }

  /** Gives a lease back; the last one of a retired version runs {@code drained}. */
  void release() {
    if (state.decrementAndGet() == RETIRED) {
      drained.accept(this);
    }
  }

  /** Takes no more leases; runs {@code drained} now if none is held. Once only. */
  void retire() {
    if (state.getAndUpdate(s -> s | RETIRED) == 0) {
      drained.accept(this);
    }
  }

  /** The leases held now. */
  int leases() {
    return state.get() & ~RETIRED;
  }
}
