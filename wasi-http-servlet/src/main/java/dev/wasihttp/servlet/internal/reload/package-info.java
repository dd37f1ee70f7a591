/**
 * The servlet's {@code reload} (development mode): {@link
 * dev.wasihttp.servlet.internal.reload.ReloadingHandler} serves the current {@code
 * ComponentVersion} of a component and swaps in a new one when its file changes, without losing a
 * request: each request holds a lease on the version it started on, and a replaced version is
 * closed after its last request. {@link dev.wasihttp.servlet.internal.reload.ComponentWatcher}
 * polls the file and loads a change once it has settled; {@link
 * dev.wasihttp.servlet.internal.reload.SharedOutgoingHandler} gives every version the one outgoing
 * handler.
 *
 * <p>It knows nothing of the servlet's options: how new bytes become a handler is the {@code
 * ComponentWatcher.Loader} the servlet passes in (its own decoding and linking).
 */
package dev.wasihttp.servlet.internal.reload;
