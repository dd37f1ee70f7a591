package dev.wasihttp.servlet.internal.filter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;

/**
 * One {@link dev.wasihttp.servlet.WasiHttpFilter#doFilter} call: the container's request, response
 * and chain, and the mailbox through which the guest, running on a thread of the filter's, hands
 * the container thread the in-process requests it sends to its own origin ({@link #EXECUTOR}). The
 * container thread {@link #serve}s the mailbox until the guest's run ends.
 *
 * <p>The guest's thread knows its run by {@link #GUEST}; the container thread, while it serves, by
 * {@link #serving()}. Thread-safe: the mailbox is the only state both threads touch.
 */
public final class FilterRun {
  /** The run whose guest the current thread runs: set on the filter's guest threads only. */
  public static final ThreadLocal<FilterRun> GUEST = new ThreadLocal<>();

  /** The run the current (container) thread serves, while it does. */
  private static final ThreadLocal<FilterRun> SERVING = new ThreadLocal<>();

  /**
   * The executor of the filter's own-origin route: {@code execute} is called on the guest's thread
   * during {@code outgoing-handler.handle}, and posts the request's run to that guest's container
   * thread; from any other thread it refuses (the request is answered 503).
   */
  public static final Executor EXECUTOR =
      task -> {
        FilterRun run = GUEST.get();
        if (run == null) {
          throw new RejectedExecutionException("not a guest thread of a WasiHttpFilter");
        }
        run.mailbox.add(task);
      };

  private static final Runnable END = () -> {};

  private final HttpServletRequest request;
  private final HttpServletResponse response;
  private final FilterChain chain;
  private final String path;
  private final ForwardGate gate = new ForwardGate();
  private final BlockingQueue<Runnable> mailbox = new LinkedBlockingQueue<>();
  private boolean chainTaken; // container thread only

  /**
   * A run over the container's {@code request} and {@code response}, continuing with {@code chain};
   * {@code path} is the request's target path as its guest sees it (without the query).
   */
  public FilterRun(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain, String path) {
    this.request = request;
    this.response = response;
    this.chain = chain;
    this.path = path;
  }

  /** The run the calling container thread serves now, or null. */
  static FilterRun serving() {
    return SERVING.get();
  }

  HttpServletRequest request() {
    return request;
  }

  HttpServletResponse response() {
    return response;
  }

  FilterChain chain() {
    return chain;
  }

  public ForwardGate gate() {
    return gate;
  }

  /**
   * Whether a request for {@code targetPath} continues down the filter chain: the first one for the
   * incoming request's own path does (and takes the chain); any other is forwarded.
   */
  boolean takeChain(String targetPath) {
    if (chainTaken || !path.equals(targetPath)) {
      return false;
    }
    chainTaken = true;
    return true;
  }

  /** The guest's run ended: {@link #serve} returns once it has run what came before. */
  public void guestEnded() {
    mailbox.add(END);
  }

  /**
   * Runs the guest's in-process requests on the calling (container) thread, in the order they came,
   * until the guest's run ends. An interrupt does not stop the wait (the guest still writes the
   * response, and ends by its deadline); it is restored on return.
   */
  public void serve() {
    FilterRun outer = SERVING.get();
    SERVING.set(this);
    boolean interrupted = false;
    try {
      while (true) {
        Runnable task;
        try {
          task = mailbox.take();
        } catch (InterruptedException e) {
          interrupted = true;
          continue;
        }
        if (task == END) {
          return;
        }
        task.run();
      }
    } finally {
      if (outer == null) {
        SERVING.remove();
      } else {
        SERVING.set(outer);
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The path of a request target: what comes before {@code ?}. */
  public static String pathOf(String pathWithQuery) {
    int q = pathWithQuery.indexOf('?');
    return q < 0 ? pathWithQuery : pathWithQuery.substring(0, q);
  }
}
