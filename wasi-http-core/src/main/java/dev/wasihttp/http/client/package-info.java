/**
 * Outgoing HTTP for guests ({@code wasi:http/outgoing-handler}) on Jetty's {@code HttpClient}: the
 * egress {@link dev.wasihttp.http.client.OutboundPolicy} and the client's setup; the per-request
 * machinery is in {@code internal}.
 */
package dev.wasihttp.http.client;
