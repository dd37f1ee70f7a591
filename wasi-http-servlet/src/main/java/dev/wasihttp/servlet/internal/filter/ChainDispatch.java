package dev.wasihttp.servlet.internal.filter;

import dev.wasihttp.http.ExchangeHandler;
import dev.wasihttp.http.GuardedExchange;
import dev.wasihttp.http.HttpExchange;
import dev.wasihttp.http.LogSink;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.io.IOException;

/**
 * Serves a {@link dev.wasihttp.servlet.WasiHttpFilter}'s guest's requests for its own origin on the
 * container thread that waits in {@code doFilter} ({@link FilterRun#serving()}): the first for the
 * incoming request's own path continues down the filter chain, any other goes through the container
 * request's {@code RequestDispatcher.forward}; both with the wrappers that present the guest's
 * request and capture the response into the in-process exchange.
 *
 * <p>The servlet behind failing (an exception out of the chain or the forward, an async start) is
 * logged with its stack trace and fails the guest's request: no response if nothing was committed,
 * a broken body after.
 */
public final class ChainDispatch implements ExchangeHandler {
  private final ServletContext context;
  private final LogSink log;
  private final String tag;

  /**
   * For a filter in {@code context}: {@code log} and {@code tag} (the component's {@code [name] })
   * are the filter's, for the guard of each request; a servlet behind that fails is logged to the
   * context with its stack trace.
   */
  public ChainDispatch(ServletContext context, LogSink log, String tag) {
    this.context = context;
    this.log = log;
    this.tag = tag;
  }

  @Override
  public void handle(HttpExchange exchange) {
    GuardedExchange guarded = GuardedExchange.of(exchange, log, tag);
    FilterRun run = FilterRun.serving();
    if (run == null) {
      guarded.fail(500, "an own-origin request off the filter's container thread");
      return;
    }
    String target = guarded.pathWithQuery();
    if (target == null || !target.startsWith("/")) {
      guarded.fail(400, "an own-origin request for " + target + ", not a path");
      return;
    }
    ForwardGate gate = run.gate();
    InProcessServletRequest request =
        new InProcessServletRequest(run.request(), guarded, gate::targetRunning);
    InProcessServletResponse response =
        new InProcessServletResponse(run.response(), guarded, gate::targetRunning);
    String how;
    try {
      if (run.takeChain(FilterRun.pathOf(target))) {
        how = "the filter chain";
        run.chain().doFilter(request, response);
      } else {
        how = "the forward to " + target;
        RequestDispatcher dispatcher = run.request().getRequestDispatcher(target);
        if (dispatcher == null) {
          guarded.fail(404, "no RequestDispatcher for " + target);
          return;
        }
        gate.forwardStarting();
        try {
          dispatcher.forward(request, response);
        } finally {
          gate.targetRunning();
        }
      }
    } catch (ServletException | IOException | RuntimeException e) {
      failed(guarded, "the filter chain or forward to " + target, e);
      return;
    }
    try {
      response.complete();
    } catch (IOException e) {
      // The guest went away: the guard has logged it, and ends the exchange by its rules.
      guarded.faulted("the response of " + how + " could not be completed: " + e);
    }
  }

  private void failed(GuardedExchange guarded, String what, Exception e) {
    if (guarded.clientGone()) {
      // The guest stopped reading or writing: the servlet's failure follows from that, logged.
      guarded.faulted(what + " ended after the component went away: " + e);
      return;
    }
    context.log(tag + "ERROR " + what + " failed: " + e, e);
    guarded.faulted("the servlet behind the filter failed: " + e);
  }
}
