package dev.wasihttp.http.client.inprocess.internal;

import dev.wasihttp.component.values.Val;
import dev.wasihttp.http.HttpField;
import dev.wasihttp.http.client.BodySource;
import dev.wasihttp.http.client.ErrorCodes;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * The body of an in-process response as the guest reads it: what the handler's writes put in the
 * exchange's response pipe, taken without blocking. A guest that drops it before its end makes the
 * handler's exchange see its client go away.
 */
final class ResponseBody implements BodySource {
  private final BodyPipe pipe;
  private final InProcessExchange exchange;

  ResponseBody(BodyPipe pipe, InProcessExchange exchange) {
    this.pipe = pipe;
    this.exchange = exchange;
  }

  @Override
  public void start(ExecutorService executor) {
    // The handler's thread pushes; nothing to start.
  }

  @Override
  public boolean ready() {
    return pipe.readable();
  }

  @Override
  public byte[] read(int max) throws IOException {
    return pipe.poll(max);
  }

  @Override
  public long capacity() {
    return pipe.capacity();
  }

  @Override
  public boolean ended() {
    return pipe.ended();
  }

  @Override
  public IOException failure() {
    return pipe.failure();
  }

  @Override
  public List<HttpField> trailers() {
    return pipe.trailers();
  }

  @Override
  public void drain(ExecutorService executor) {
    pipe.discard(); // the handler writes on, into nothing, and its trailers still arrive
  }

  @Override
  public void cancel() {
    if (!pipe.ended() && pipe.failure() == null) {
      exchange.callerGone("it dropped the response body");
    }
  }

  /**
   * {@code HTTP-response-incomplete} for a response the handler aborted, the size case for a
   * trailer section over the cap; otherwise as any body's failure.
   */
  @Override
  public Val errorCode(IOException failure) {
    if (failure instanceof InProcessExchange.Aborted) {
      return ErrorCodes.of("HTTP-response-incomplete");
    }
    if (failure instanceof FieldSections.TooLarge t) {
      return ErrorCodes.of(t.code);
    }
    return BodySource.super.errorCode(failure);
  }
}
