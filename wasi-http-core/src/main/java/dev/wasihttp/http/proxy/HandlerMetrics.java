package dev.wasihttp.http.proxy;

import java.util.concurrent.atomic.LongAdder;

/**
 * What a {@link WasiHttpHandler} has done since it was created: requests by outcome, and the time
 * spent in guests and in making instances ready. Counting is a few uncontended adds per request;
 * thread-safe. {@link WasiHttpHandler#metrics()} adds what the handler holds now (instances,
 * memory) to a {@link Snapshot}.
 */
public final class HandlerMetrics {
  /**
   * How one request ended; every request counts in exactly one. The last four are the ones a limit
   * or a fault decided; the others are the status class of the response the guest sent (an error
   * status the host answered because the guest set none, e.g. after returning without a response,
   * counts by its status).
   */
  public enum Outcome {
    /** A 1xx or 2xx response, sent in full. */
    STATUS_2XX,
    /** A 3xx response, sent in full. */
    STATUS_3XX,
    /** A 4xx response, sent in full (413 for a body over {@code maxBody} included). */
    STATUS_4XX,
    /** A 5xx response, sent in full. */
    STATUS_5XX,
    /** The guest trapped, exited with an error, or the host failed under it. */
    TRAP,
    /**
     * The deadline passed ({@code timeout}), or the request outlasted the shutdown's grace: 504 or
     * an aborted response.
     */
    TIMEOUT,
    /** Refused without running the guest: over {@code maxConcurrent}, shut down, out of memory. */
    REJECTED,
    /**
     * The response started, then ended broken: the guest left its body unfinished, or the client
     * went away.
     */
    ABORTED
  }

  /**
   * The counters at one moment, with what the handler holds then.
   *
   * @param requests2xx requests answered 1xx/2xx
   * @param requests3xx requests answered 3xx
   * @param requests4xx requests answered 4xx
   * @param requests5xx requests answered 5xx (without a trap, timeout or rejection)
   * @param traps requests whose guest trapped
   * @param timeouts requests past their deadline
   * @param rejected requests refused by a limit before the guest ran
   * @param aborted responses that started and ended broken
   * @param guestNanos time spent in guest calls, all requests together
   * @param instantiateNanos time spent making instances ready: instantiating, or resetting a pooled
   *     one
   * @param instancesInUse instances serving a request now
   * @param instancesPooled instances waiting in the pool now
   * @param guestMemoryBytes linear memory of the handler's instances now, in use and pooled
   * @param hostMemoryBytes host-side bytes held for guests now
   */
  public record Snapshot(
      long requests2xx,
      long requests3xx,
      long requests4xx,
      long requests5xx,
      long traps,
      long timeouts,
      long rejected,
      long aborted,
      long guestNanos,
      long instantiateNanos,
      int instancesInUse,
      int instancesPooled,
      long guestMemoryBytes,
      long hostMemoryBytes) {
    /** Nothing counted, nothing held. */
    public static final Snapshot ZERO = new Snapshot(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** This snapshot and {@code other} added up, field by field. */
    public Snapshot plus(Snapshot other) {
      return new Snapshot(
          requests2xx + other.requests2xx,
          requests3xx + other.requests3xx,
          requests4xx + other.requests4xx,
          requests5xx + other.requests5xx,
          traps + other.traps,
          timeouts + other.timeouts,
          rejected + other.rejected,
          aborted + other.aborted,
          guestNanos + other.guestNanos,
          instantiateNanos + other.instantiateNanos,
          instancesInUse + other.instancesInUse,
          instancesPooled + other.instancesPooled,
          guestMemoryBytes + other.guestMemoryBytes,
          hostMemoryBytes + other.hostMemoryBytes);
    }

    /** The counters alone: what was held at that moment (instances, memory) left at 0. */
    public Snapshot counts() {
      return new Snapshot(
          requests2xx,
          requests3xx,
          requests4xx,
          requests5xx,
          traps,
          timeouts,
          rejected,
          aborted,
          guestNanos,
          instantiateNanos,
          0,
          0,
          0,
          0);
    }

    /** Only {@code n} rejected requests. */
    public static Snapshot rejected(long n) {
      return new Snapshot(0, 0, 0, 0, 0, 0, n, 0, 0, 0, 0, 0, 0, 0);
    }

    /** Every request counted, whatever its outcome. */
    public long requests() {
      return requests2xx
          + requests3xx
          + requests4xx
          + requests5xx
          + traps
          + timeouts
          + rejected
          + aborted;
    }
  }

  private final LongAdder[] outcomes = new LongAdder[Outcome.values().length];
  private final LongAdder guestNanos = new LongAdder();
  private final LongAdder instantiateNanos = new LongAdder();

  HandlerMetrics() {
    for (int i = 0; i < outcomes.length; i++) {
      outcomes[i] = new LongAdder();
    }
  }

  /** Counts one request's outcome. */
  void count(Outcome outcome) {
    outcomes[outcome.ordinal()].increment();
  }

  void guestTime(long nanos) {
    guestNanos.add(nanos);
  }

  void instantiateTime(long nanos) {
    instantiateNanos.add(nanos);
  }

  Snapshot snapshot(int inUse, int pooled, long guestMemory, long hostMemory) {
    return new Snapshot(
        sum(Outcome.STATUS_2XX),
        sum(Outcome.STATUS_3XX),
        sum(Outcome.STATUS_4XX),
        sum(Outcome.STATUS_5XX),
        sum(Outcome.TRAP),
        sum(Outcome.TIMEOUT),
        sum(Outcome.REJECTED),
        sum(Outcome.ABORTED),
        guestNanos.sum(),
        instantiateNanos.sum(),
        inUse,
        pooled,
        guestMemory,
        hostMemory);
  }

  private long sum(Outcome outcome) {
    return outcomes[outcome.ordinal()].sum();
  }

  /** The outcome of a response sent in full with {@code status}. */
  static Outcome ofStatus(int status) {
    if (status >= 500) {
      return Outcome.STATUS_5XX;
    }
    if (status >= 400) {
      return Outcome.STATUS_4XX;
    }
    return status >= 300 ? Outcome.STATUS_3XX : Outcome.STATUS_2XX;
  }
}
