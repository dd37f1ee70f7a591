/**
 * The host side of {@code wasi:http/types} and {@code wasi:http/outgoing-handler}: one host class
 * per WIT resource ({@link dev.wasihttp.http.internal.HostFields}, {@code HostIncomingRequest},
 * ...), the registration of their functions, the request-body reader and the response-body writer,
 * and the checks every outgoing request passes before an outgoing handler sees it. Not API: {@link
 * dev.wasihttp.http.proxy.WasiHttpHandler} is the entry point.
 */
package dev.wasihttp.http.internal;
