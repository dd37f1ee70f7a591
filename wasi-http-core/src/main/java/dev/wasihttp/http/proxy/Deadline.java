package dev.wasihttp.http.proxy;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One request's deadline: when it passes, the guest's thread is interrupted (Chicory checks the
 * flag at calls and loop back-edges, the WASI host's blocking calls wake and trap), the JVM's
 * equivalent of Wasmtime's epoch interruption. {@link #end()} disarms it and clears an interrupt it
 * delivered, so the container's thread goes back clean.
 */
final class Deadline {
  private final Thread guest = Thread.currentThread();
  private ScheduledFuture<?> task;
  private boolean ended;
  private boolean expired;

  private Deadline() {}

  /** Arms a deadline {@code timeout} from now for the calling thread; zero: none. */
  static Deadline start(ScheduledExecutorService timer, Duration timeout) {
    Deadline d = new Deadline();
    if (!timeout.isZero()) {
      d.task = timer.schedule(d::fire, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
    return d;
  }

  private synchronized void fire() {
    if (!ended) {
      expired = true;
      guest.interrupt();
    }
  }

  /** Whether the deadline passed while the guest ran. */
  synchronized boolean expired() {
    return expired;
  }

  /** Disarms the deadline; clears the interrupt if it fired. Call on the guest's thread. */
  synchronized void end() {
    ended = true;
    if (task != null) {
      task.cancel(false);
    }
    if (expired) {
      Thread.interrupted(); // the interrupt was ours, for the guest
    }
  }
}
