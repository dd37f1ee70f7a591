package dev.wasihttp.servlet;

import dev.wasihttp.http.HttpExchange;

/**
 * What the servlet calls for every request: runs one exchange to its end, on the calling thread.
 * The wasi:http host is one; a plain Java implementation serves tests and embedders that want the
 * servlet's request and response mapping without a component.
 *
 * <p>Implementations must be safe to call from many threads at once. They report guest faults
 * through {@link HttpExchange#fail} and {@link HttpExchange#abort} rather than by throwing; an
 * exception that escapes is treated like {@code fail(500)} before the response is committed and
 * like {@code abort} after. The handler logs the reasons it passes to {@code fail} and {@code
 * abort}; the servlet logs only what it decides itself (a handler that threw or returned without
 * ending the exchange).
 */
@FunctionalInterface
public interface ExchangeHandler {
  /** Handles one request, writing its response through {@code exchange}. */
  void handle(HttpExchange exchange);
}
