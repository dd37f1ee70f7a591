/**
 * How {@link dev.wasihttp.servlet.WasiHttpFilter} puts a component in front of the servlets of its
 * web application. {@link dev.wasihttp.servlet.internal.filter.FilterRun} is one {@code doFilter}
 * call: the guest runs on a thread of the filter's, and the requests it sends to its own origin
 * come back through the run's mailbox to the container thread, which {@link
 * dev.wasihttp.servlet.internal.filter.ChainDispatch} serves: down the filter chain, or through a
 * {@code RequestDispatcher.forward}. The servlet behind sees the guest's request as an {@code
 * InProcessServletRequest} and writes an {@code InProcessServletResponse} that becomes the guest's
 * {@code incoming-response}; a {@link dev.wasihttp.servlet.internal.filter.ForwardGate} holds the
 * guest's writes to the real response while a forward starts.
 *
 * <p>It knows the servlet API and the core's in-process exchange only, not the filter's options.
 */
package dev.wasihttp.servlet.internal.filter;
