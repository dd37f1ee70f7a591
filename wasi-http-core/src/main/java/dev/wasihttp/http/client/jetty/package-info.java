/**
 * The default {@link dev.wasihttp.http.client.OutgoingHandler}: {@link
 * dev.wasihttp.http.client.jetty.JettyOutgoingHandler}, which sends a guest's outgoing requests
 * with Jetty's {@code HttpClient}, and its options. Its internals (bodies bridged to wasi:io
 * streams, the policy-checking resolver, the failure mapping) are in {@code
 * dev.wasihttp.http.client.jetty.internal}.
 */
package dev.wasihttp.http.client.jetty;
