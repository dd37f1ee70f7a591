/**
 * The {@code wasi:http/proxy} world served to a container: {@link
 * dev.wasihttp.http.proxy.WasiHttpHandler} links a component once and runs it for each exchange, as
 * {@link dev.wasihttp.http.proxy.WasiHttpConfig} says. Named after the WIT world it serves, so that
 * WASI 0.3's {@code wasi:http/service} can have a package beside it.
 */
package dev.wasihttp.http.proxy;
