package dev.wasihttp.wasi.io.internal;

import dev.wasihttp.wasi.io.HostPollable;
import dev.wasihttp.wasi.io.Waker;
import java.util.ArrayList;
import java.util.List;

/**
 * Blocks the guest's thread until pollables are ready, without spinning: it sleeps on the
 * instance's {@link Waker} with the nearest timer deadline as the timeout, and checks again after
 * every wake-up. An interrupted thread traps.
 */
final class Poller {
  private Poller() {}

  /** The indices of the ready pollables in {@code pollables}, waiting until there is one. */
  public static List<Integer> poll(Waker waker, List<HostPollable> pollables) {
    while (true) {
      Waker.checkInterrupted();
      long seen = waker.version();
      List<Integer> ready = new ArrayList<>();
      long wait = Long.MAX_VALUE;
      for (int i = 0; i < pollables.size(); i++) {
        HostPollable p = pollables.get(i);
        if (p.ready()) {
          ready.add(i);
        } else {
          wait = Math.min(wait, p.remainingNanos());
        }
      }
      if (!ready.isEmpty()) {
        return ready;
      }
      waker.runBeforeWait();
      waker.await(seen, Math.max(1, wait));
    }
  }

  /** Waits until {@code pollable} is ready. */
  public static void block(Waker waker, HostPollable pollable) {
    poll(waker, List.of(pollable));
  }
}
