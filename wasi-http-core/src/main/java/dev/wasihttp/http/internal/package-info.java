/**
 * The host side of {@code wasi:http/types} and the handler interfaces: one state class per WIT
 * resource ({@link dev.wasihttp.http.internal.HostFields}, {@code HostIncomingRequest}, ...), the
 * per-request resource table, the request-body reader and the response-body writer. Not API: {@link
 * dev.wasihttp.http.proxy.WasiHttpHandler} is the entry point.
 */
package dev.wasihttp.http.internal;
