/**
 * Serving {@code wasi:http/proxy} components from any Jakarta Servlet 6.0 container: the servlet
 * module's public API. {@link dev.wasihttp.servlet.WasiHttpServlet} serves a component, {@link
 * dev.wasihttp.servlet.WasiHttpFilter} puts one in front of the web application's servlets; both
 * run with one immutable {@link dev.wasihttp.servlet.WasiHttpServletOptions}, which init-params
 * (named in {@link dev.wasihttp.servlet.InitParams}) and the programmatic API both build, holding
 * the servlet's own settings and one core {@link dev.wasihttp.http.proxy.WasiHttpConfig}. While in
 * service, each puts its component's counters on JMX ({@link
 * dev.wasihttp.servlet.WasiHttpServletMXBean}).
 *
 * <p>The servlet and the filter are thin adapters over the core's {@link
 * dev.wasihttp.http.proxy.WasiHttpHandler}. What they do is in internal packages, which this
 * package calls and which never call it back:
 *
 * <ul>
 *   <li>{@code internal.exchange}: one container request and response as the core's {@link
 *       dev.wasihttp.http.HttpExchange}, where every request passes from the container to the guest
 *       and its response back;
 *   <li>{@code internal.filter}: the filter's guest thread, and the guest's requests to its own
 *       origin served by the servlets behind it;
 *   <li>{@code internal.load}: a component read, decoded and linked, every failure failing the
 *       deployment with a message that names it;
 *   <li>{@code internal.reload}: a component swapped when its file changes ({@code reload});
 *   <li>{@code internal.mount}: the components of {@code /WEB-INF/wasm/}, each mounted as a servlet
 *       by a {@code ServletContainerInitializer} (a client of this package, not called by it).
 * </ul>
 *
 * <p>What binds the options to them is package-private here: {@code ComponentHandlers} (the
 * options' component loaded once, as a chain, or reloading) and {@code ServletMBean} (the MXBean).
 */
package dev.wasihttp.servlet;
