package dev.wasihttp.wasi.io;

import dev.wasihttp.component.errors.Trap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One instance's wake-up signal: what a blocked {@code poll}, {@code pollable.block} or blocking
 * stream operation waits on. Whoever may have made a {@link HostPollable} ready from another thread
 * (bytes arrived in a request body, a response channel drained) calls {@link #wake()}; the waiting
 * guest thread then checks its pollables again. Timers need no wake-up: the waiter's timeout is the
 * nearest deadline.
 *
 * <p>A waiter reads {@link #version()} <em>before</em> checking readiness and passes it to {@link
 * #await}, which returns at once if a wake-up happened since: no wake-up is lost between the check
 * and the wait.
 *
 * <p>Thread-safe.
 */
public final class Waker {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private long version;

  /** Set and run by the instance's own thread only. */
  private Runnable beforeWait;

  /** Wakes the instance's waiting thread, if any, so it checks its pollables again. */
  public void wake() {
    lock.lock();
    try {
      version++;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The count of wake-ups so far; read it before checking readiness. */
  public long version() {
    lock.lock();
    try {
      return version;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until a wake-up after {@code seen} (a {@link #version()} read earlier) or until {@code
   * timeoutNanos} pass ({@link Long#MAX_VALUE}: no timeout). Returns early, spuriously, at most as
   * {@link Condition#awaitNanos} does; callers check again in a loop.
   *
   * @throws Trap {@code "interrupted"} when the thread is interrupted (a request deadline); the
   *     interrupt flag is set again so the engine stops the guest too
   */
  public void await(long seen, long timeoutNanos) {
    lock.lock();
    try {
      long left = timeoutNanos;
      while (version == seen && left > 0) {
        if (left == Long.MAX_VALUE) {
          changed.await();
        } else {
          left = changed.awaitNanos(left);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Trap("interrupted", e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Work for the instance's thread to do before it next blocks, once: a response flush the guest
   * asked for is made there, so that a guest that writes, flushes and finishes without waiting in
   * between sends its response in one piece. Called by the instance's own thread; replaces an
   * earlier task not run yet.
   */
  public void beforeWait(Runnable task) {
    this.beforeWait = task;
  }

  /**
   * Runs the task given to {@link #beforeWait}, if any; by the instance's thread, before it blocks.
   */
  public void runBeforeWait() {
    Runnable task = beforeWait;
    if (task != null) {
      beforeWait = null;
      task.run();
    }
  }

  /** Traps when the current thread was interrupted, keeping its interrupt flag. */
  public static void checkInterrupted() {
    if (Thread.currentThread().isInterrupted()) {
      throw new Trap("interrupted");
    }
  }
}
