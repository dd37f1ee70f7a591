/**
 * The outgoing handler on Jetty's {@code HttpClient}: request and response bodies bridged to
 * wasi:io streams with bounded buffers, the policy-checking address resolver, and the mapping of
 * transport failures to {@code error-code}. Not an API.
 */
package dev.wasihttp.http.client.internal;
