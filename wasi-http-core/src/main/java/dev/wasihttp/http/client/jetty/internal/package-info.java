/**
 * The internals of {@link dev.wasihttp.http.client.jetty.JettyOutgoingHandler} on Jetty's {@code
 * HttpClient}: the sender, request and response bodies bridged to wasi:io streams with bounded
 * buffers, the client's setup and the policy-checking address resolver, and the mapping of
 * transport failures to {@code error-code}. Not an API.
 */
package dev.wasihttp.http.client.jetty.internal;
