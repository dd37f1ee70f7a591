/**
 * The bridge between the servlet API and wasi:http, where every request of {@link
 * dev.wasihttp.servlet.WasiHttpServlet} and {@link dev.wasihttp.servlet.WasiHttpFilter} passes:
 * {@link dev.wasihttp.servlet.internal.exchange.ServletHttpExchange} presents one container request
 * and response as the core's {@link dev.wasihttp.http.HttpExchange} (the guest's {@code
 * incoming-request} is read from it, its {@code outgoing-response} written to it), and {@link
 * dev.wasihttp.servlet.internal.exchange.AbortSignals} picks the exception that makes a container
 * break a response already under way. What happens between the two sides (the guard, the instance,
 * the guest) is the core's {@link dev.wasihttp.http.proxy.WasiHttpHandler}.
 *
 * <p>It knows the servlet API and the core only, not the servlet's options: the servlet passes the
 * two settings it reads (the canonical authority, whether to strip the servlet path).
 */
package dev.wasihttp.servlet.internal.exchange;
