package dev.wasihttp.http.internal;

import dev.wasihttp.component.values.Val;
import dev.wasihttp.http.HttpField;
import dev.wasihttp.http.client.BodySource;
import dev.wasihttp.http.client.FutureIncomingResponse;
import dev.wasihttp.wasi.io.Waker;
import java.util.List;

/**
 * The host state behind {@code wasi:http/types.future-incoming-response}: the outcome of an
 * outgoing request. The outgoing handler completes it once from any thread ({@link #respond} or
 * {@link #fail}), waking the instance; the guest's {@code get} gives none while pending, then the
 * result once, then {@code some(err)}.
 */
final class HostFutureIncomingResponse implements FutureIncomingResponse, AutoCloseable {
  /** A response's head and body, or a failure's {@code error-code}. */
  private record Outcome(int status, List<HttpField> headers, BodySource body, Val error) {}

  private final Waker waker;
  private volatile Outcome outcome;
  private volatile Runnable onCancel;
  boolean delivered;

  HostFutureIncomingResponse(Waker waker) {
    this.waker = waker;
  }

  @Override
  public Waker waker() {
    return waker;
  }

  @Override
  public void onCancel(Runnable r) {
    this.onCancel = r;
  }

  /** Dropped before {@code get} gave the response: the request is abandoned. */
  @Override
  public void close() {
    Runnable r = onCancel;
    if (!delivered && r != null) {
      r.run();
    }
  }

  @Override
  public void respond(int status, List<HttpField> headers, BodySource body) {
    complete(new Outcome(status, List.copyOf(headers), body, null));
  }

  @Override
  public void fail(Val errorCode) {
    complete(new Outcome(0, null, null, errorCode));
  }

  @Override
  public boolean isDone() {
    return outcome != null;
  }

  private void complete(Outcome o) {
    synchronized (this) {
      if (outcome != null) {
        return;
      }
      outcome = o;
    }
    waker.wake();
  }

  /** The failure, or null (pending or a response). */
  Val error() {
    Outcome o = outcome;
    return o == null ? null : o.error();
  }

  /** The response ({@link #isDone()} and not failed). */
  HostIncomingResponse response(FieldRules rules) {
    Outcome o = outcome;
    return new HostIncomingResponse(o.status(), HostFields.received(rules, o.headers()), o.body());
  }
}
