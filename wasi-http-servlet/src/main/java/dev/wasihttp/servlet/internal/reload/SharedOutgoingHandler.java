package dev.wasihttp.servlet.internal.reload;

import dev.wasihttp.http.client.FutureIncomingResponse;
import dev.wasihttp.http.client.OutgoingBody;
import dev.wasihttp.http.client.OutgoingHandler;
import dev.wasihttp.http.client.OutgoingRequest;
import dev.wasihttp.wasi.io.Waker;

/**
 * The outgoing handler of every version of a reloading servlet's component: made once, by the
 * configured factory, when the first version is linked, and closed with the servlet. Each version
 * gets a view whose {@code close()} does nothing, so a version closed after a reload neither stops
 * the client the next one uses (an application's client from {@code httpClientAttribute}, which the
 * first handler started, included) nor drops its connections.
 */
public final class SharedOutgoingHandler implements OutgoingHandler.Factory, AutoCloseable {
  private final OutgoingHandler.Factory factory;
  private OutgoingHandler shared; // guarded by this
  private boolean closed; // guarded by this

  /** Shares the one handler {@code factory} makes. */
  public SharedOutgoingHandler(OutgoingHandler.Factory factory) {
    this.factory = factory;
  }

  /**
   * A view of the one handler, made by the factory at the first call.
   *
   * @throws IllegalStateException once closed (a reload that raced the servlet's destroy)
   */
  @Override
  public synchronized OutgoingHandler create(OutgoingHandler.Context context) {
    if (closed) {
      throw new IllegalStateException("the servlet is shutting down");
    }
    if (shared == null) {
      shared = factory.create(context);
    }
    OutgoingHandler target = shared;
    return new OutgoingHandler() {
      @Override
      public OutgoingBody body(Long declaredLength, Waker waker) {
        return target.body(declaredLength, waker);
      }

      @Override
      public void handle(OutgoingRequest request, FutureIncomingResponse response) {
        target.handle(request, response);
      }

      @Override
      public boolean servesInProcess(OutgoingRequest request) {
        return target.servesInProcess(request); // else the policy would refuse in-process routes
      }
    };
  }

  /** Closes the one handler (the versions' views never do). */
  @Override
  public synchronized void close() {
    closed = true;
    if (shared != null) {
      shared.close();
    }
  }

  @Override
  public String toString() {
    return "shared " + factory;
  }
}
