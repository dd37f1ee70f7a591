package dev.wasihttp.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * One HTTP request and its response, as the host sees them: the seam between a container (the
 * servlet adapter, the command line's server, a test) and the wasi:http host that runs a guest's
 * {@code incoming-handler.handle}. The host reads the request from here and writes the guest's
 * response back through the response methods, streaming in both directions.
 *
 * <p>Contract for the response side, called by the host on the guest's thread:
 *
 * <ul>
 *   <li>{@link #respond} at most once, when the guest calls {@code response-outparam.set}; it
 *       commits status and headers. Nothing else of the response is called before it, except {@link
 *       #abort} / {@link #fail}.
 *   <li>then {@link #responseBody()} writes; then exactly one of {@link #finish} (the guest
 *       finished its body: a clean end) or {@link #abort} (any other ending: the client must see a
 *       broken response, never a clean short one).
 *   <li>{@link #fail} instead of {@link #respond} when the guest never set a response ({@code
 *       set(err)}) or never ran (the handler was busy or shutting down): answer an error status;
 *       {@link #failUnanswered} when it gave no answer (a trap, a return without set, the
 *       deadline).
 * </ul>
 *
 * <p>The request side: {@link #method()} to {@link #requestHeaders()} are read on the guest's
 * thread before the guest runs; {@link #requestBody()} and then {@link #requestTrailers()} are
 * called from one host reader thread (while the guest's thread may be writing the response), and
 * only if the guest reads the body. The handler stops that thread before {@code handle} returns.
 */
public interface HttpExchange {
  /** The method as received, e.g. {@code GET} or {@code PROPFIND}. */
  String method();

  /** {@code http} or {@code https}, as the container determined it. */
  String scheme();

  /** The authority the client addressed, or null if there is none to pass on. */
  String authority();

  /** The raw request target (path and query, undecoded) as the guest should see it. */
  String pathWithQuery();

  /** The request's header fields in the order received, duplicates kept. */
  List<HttpField> requestHeaders();

  /** The request body; reads block until data arrives. Read at most once. */
  InputStream requestBody() throws IOException;

  /** The request trailers; valid once {@link #requestBody()} has reached its end. */
  List<HttpField> requestTrailers();

  /**
   * Whether the client sends the request body only after a {@code 100 Continue} ({@code Expect:
   * 100-continue}), which the container sends when {@link #requestBody()} is first read, as long as
   * the response is not committed yet. The host then holds the guest's response flushes until body
   * bytes arrive, so that a guest that sets its response before reading the body (an echo) does not
   * leave the client waiting for a {@code 100} that can no longer come. The default: false, for an
   * exchange whose body needs no such signal.
   */
  default boolean expectsContinue() {
    return false;
  }

  /**
   * Sets the status and header fields; from here on the response is committed: it can only end by
   * {@link #finish} or {@link #abort}. The container sends them with the body's first flush, or
   * with the whole response at {@link #finish}.
   */
  void respond(int status, List<HttpField> headers) throws IOException;

  /** Where the response body goes, after {@link #respond}. */
  OutputStream responseBody() throws IOException;

  /** Ends the response cleanly, with trailers if the container can send them (else dropped). */
  void finish(List<HttpField> trailers) throws IOException;

  /**
   * Ends a committed response as broken (no final chunk / stream reset); a head not sent yet is
   * sent first.
   */
  void abort(String reason);

  /**
   * Answers an error status because the guest set no response. The handler has already logged
   * {@code reason}; an implementation need not log it again.
   */
  void fail(int status, String reason);

  /**
   * Answers an error status with header fields, e.g. 503 with {@code Retry-After} for a request the
   * handler refused to run; otherwise as {@link #fail(int, String)}. The default drops {@code
   * headers} and calls {@link #fail(int, String)}; a container's exchange overrides it.
   */
  default void fail(int status, List<HttpField> headers, String reason) {
    fail(status, reason);
  }

  /**
   * Ends the exchange, nothing committed, because its handler gave no answer: it faulted (a trap,
   * an exception), returned without responding, or ran past its deadline; {@code status} is what a
   * container answers for it (500, or 504 for a deadline). The default does exactly that, {@code
   * fail(status, List.of(), reason)}; an exchange whose client can tell a missing answer from an
   * error status overrides it (an in-process caller then sees its request fail, as a caller over
   * the network sees a connection close without a response).
   */
  default void failUnanswered(int status, String reason) {
    fail(status, List.of(), reason);
  }
}
