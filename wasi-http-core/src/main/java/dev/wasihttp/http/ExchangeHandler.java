package dev.wasihttp.http;

/**
 * Runs one {@link HttpExchange} to its end, on the calling thread: what a container (the servlet,
 * the command line's server, a test) calls for every request. {@code WasiHttpHandler} is one,
 * running a {@code wasi:http/proxy} component; a plain Java implementation serves tests and
 * embedders that want a container's request and response mapping without a component.
 *
 * <p>Implementations must be safe to call from many threads at once. A container runs a handler
 * through {@link GuardedExchange#run}, which holds the ending rules: the handler ends the exchange
 * with {@link HttpExchange#finish}, {@link HttpExchange#abort} or {@link HttpExchange#fail}; one
 * that throws, or returns without ending it, gets {@code fail(500)} before the response was
 * committed and {@code abort} after, and the reason is logged.
 */
@FunctionalInterface
public interface ExchangeHandler {
  /** Handles one request, writing its response through {@code exchange}. */
  void handle(HttpExchange exchange);
}
