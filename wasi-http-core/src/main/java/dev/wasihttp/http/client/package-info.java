/**
 * Outgoing HTTP for guests ({@code wasi:http/outgoing-handler}), the service-provider side: the
 * extension point that sends requests ({@link dev.wasihttp.http.client.OutgoingHandler}, with the
 * request, body and response types it sees and the {@code error-code} values it reports), and the
 * egress {@link dev.wasihttp.http.client.OutboundPolicy} the host applies whatever the handler. The
 * default handler, on Jetty's {@code HttpClient}, is in {@code dev.wasihttp.http.client.jetty}.
 */
package dev.wasihttp.http.client;
