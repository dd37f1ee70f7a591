package dev.wasihttp.http.internal;

import dev.wasihttp.component.values.Val;
import dev.wasihttp.http.HttpField;
import dev.wasihttp.wasi.io.StreamError;
import java.util.List;

/**
 * The host state behind {@code wasi:http/types.outgoing-body}: a response body ({@link
 * HostOutgoingBody}) or the body of an outgoing request (sent by the outgoing handler). The methods
 * of its one {@code output-stream} and of the body itself; called on the guest's thread.
 */
public interface OutgoingBody {
  /** {@code outgoing-body.write}: true the first time, false after (the stream was taken). */
  boolean takeStream();

  /** {@code check-write}. */
  long checkWrite() throws StreamError;

  /** {@code write}, within the last grant. */
  void write(byte[] b) throws StreamError;

  /** {@code flush}. */
  void flush() throws StreamError;

  /** The readiness of the stream's pollable. */
  boolean writeReady();

  /**
   * {@code outgoing-body.finish} (no stream lives).
   *
   * @return null on success, else the {@code error-code} to return
   */
  Val finish(List<HttpField> trailers);

  /** The guest dropped the body without {@code finish}: an abort. */
  void dropped();
}
