/**
 * The {@code wasi-http} command line ({@link dev.wasihttp.cli.Main}): {@code wit} prints a
 * component's world, {@code invoke} calls its exports with WAVE values, and {@code serve} runs a
 * {@code wasi:http/proxy} component on embedded Jetty 12 through {@code WasiHttpServlet}.
 */
package dev.wasihttp.cli;
