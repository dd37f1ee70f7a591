package dev.wasihttp.http.client;

import dev.wasihttp.component.values.Val;
import dev.wasihttp.http.HttpField;
import dev.wasihttp.wasi.io.Waker;
import java.util.List;

/**
 * The outcome of one outgoing request ({@code future-incoming-response}), which the {@link
 * OutgoingHandler} completes exactly once, from any thread: the guest's {@code get} gives nothing
 * while it is pending, then the outcome once. Thread-safe; completing wakes the guest's instance.
 */
public interface FutureIncomingResponse {
  /**
   * The response head arrived: {@code status} and {@code headers} as received (the host strips the
   * forbidden names); the body streams from {@code body}. Ignored once completed.
   */
  void respond(int status, List<HttpField> headers, BodySource body);

  /**
   * The request failed before a response head: {@code errorCode} is a WIT {@code error-code} value
   * ({@link ErrorCodes}). Ignored once completed.
   */
  void fail(Val errorCode);

  /** Whether {@link #respond} or {@link #fail} happened. */
  boolean isDone();

  /**
   * Runs {@code abandon} if the guest drops this future before taking its response: the request is
   * no longer wanted.
   */
  void onCancel(Runnable abandon);

  /** The waker of the guest's instance, for the response body's producers. */
  Waker waker();
}
