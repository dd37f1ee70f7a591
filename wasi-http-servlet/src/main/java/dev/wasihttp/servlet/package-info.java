/**
 * {@link dev.wasihttp.servlet.WasiHttpServlet}: a {@code wasi:http/proxy} component served by any
 * Jakarta Servlet 6.0 container. The servlet is a thin adapter: {@code ServletHttpExchange}
 * presents one servlet request and response as the core {@link dev.wasihttp.http.HttpExchange} (the
 * core's {@link dev.wasihttp.http.GuardedExchange} decides how it ends; the servlet maps an abort
 * onto its container), and {@link dev.wasihttp.servlet.WasiHttpServletOptions} is the one immutable
 * configuration that init-params and the programmatic API both build, holding the servlet's own
 * settings and one core {@link dev.wasihttp.http.proxy.WasiHttpConfig}.
 */
package dev.wasihttp.servlet;
