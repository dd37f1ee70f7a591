package dev.wasihttp.servlet.internal.filter;

import dev.wasihttp.http.HttpExchange;
import dev.wasihttp.http.HttpExchangeWrapper;
import dev.wasihttp.http.HttpField;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Keeps a {@link dev.wasihttp.servlet.WasiHttpFilter}'s guest from writing the real response while
 * a {@code RequestDispatcher.forward} starts on the container thread: Jetty's forward clears the
 * buffer of the request's own response before it runs the target (which sees only the filter's
 * wrappers), so bytes the guest wrote into that buffer meanwhile would be lost. The gate closes
 * just before the forward and opens once the target runs (its first call on a wrapper) or the
 * forward returns; the guest's response calls ({@link #guard}) wait while it is closed. Tomcat's
 * forward clears only the wrapper's buffer, but the gate costs nothing there.
 *
 * <p>Thread-safe: closed and opened on the container thread, waited on by the guest's.
 */
public final class ForwardGate {
  private boolean starting;

  /** A forward is about to start: the guest's response calls wait. */
  synchronized void forwardStarting() {
    starting = true;
  }

  /** The forward's target runs, or the forward is over: the guest's response calls go on. */
  synchronized void targetRunning() {
    if (starting) {
      starting = false;
      notifyAll();
    }
  }

  /** Waits while a forward is starting. */
  synchronized void await() throws InterruptedIOException {
    while (starting) {
      try {
        wait();
      } catch (InterruptedException e) {
        // The guest's deadline: its write fails, as any interrupted write does.
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while a forward was starting");
      }
    }
  }

  private void awaitQuietly() {
    try {
      await();
    } catch (InterruptedIOException e) {
      // The caller (abort, fail) ends the response anyway; the interrupt stays set.
    }
  }

  /** {@code exchange} whose response calls wait at this gate; the request side passes through. */
  public HttpExchange guard(HttpExchange exchange) {
    return new HttpExchangeWrapper(exchange) {
      @Override
      public void respond(int status, List<HttpField> headers) throws IOException {
        await();
        exchange.respond(status, headers);
      }

      @Override
      public OutputStream responseBody() throws IOException {
        OutputStream out = exchange.responseBody();
        return new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            await();
            out.write(b);
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            await();
            out.write(b, off, len);
          }

          @Override
          public void flush() throws IOException {
            await();
            out.flush();
          }

          @Override
          public void close() throws IOException {
            await();
            out.close();
          }
        };
      }

      @Override
      public void finish(List<HttpField> trailers) throws IOException {
        await();
        exchange.finish(trailers);
      }

      @Override
      public void abort(String reason) {
        awaitQuietly();
        exchange.abort(reason);
      }

      @Override
      public void fail(int status, String reason) {
        awaitQuietly();
        exchange.fail(status, reason);
      }

      @Override
      public void fail(int status, List<HttpField> headers, String reason) {
        awaitQuietly();
        exchange.fail(status, headers, reason);
      }

      @Override
      public void failUnanswered(int status, String reason) {
        awaitQuietly();
        exchange.failUnanswered(status, reason);
      }
    };
  }
}
