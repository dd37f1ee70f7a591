package dev.wasihttp.http;

/**
 * Runs one {@link HttpExchange} to its end, on the calling thread: what a container (the servlet,
 * the command line's server, a test) calls for every request. {@code WasiHttpHandler} is one,
 * running a {@code wasi:http/proxy} component; a plain Java implementation serves tests and
 * embedders that want a container's request and response mapping without a component.
 *
 * <p>Implementations must be safe to call from many threads at once. They report faults through
 * {@link HttpExchange#fail} and {@link HttpExchange#abort} rather than by throwing; an exception
 * that escapes is treated like {@code fail(500)} before the response is committed and like {@code
 * abort} after.
 */
@FunctionalInterface
public interface ExchangeHandler {
  /** Handles one request, writing its response through {@code exchange}. */
  void handle(HttpExchange exchange);
}
