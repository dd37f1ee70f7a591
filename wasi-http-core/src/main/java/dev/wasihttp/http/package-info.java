/**
 * wasi:http for embedders: the seam a container implements ({@link dev.wasihttp.http.HttpExchange})
 * and the handler that runs a {@code wasi:http/proxy} component for each exchange.
 */
package dev.wasihttp.http;
