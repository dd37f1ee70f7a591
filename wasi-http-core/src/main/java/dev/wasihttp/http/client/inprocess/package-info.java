/**
 * Outgoing requests served in process: {@link dev.wasihttp.http.client.inprocess.InProcessRouting},
 * an outgoing handler factory that sends the guest's requests matched by an {@link
 * dev.wasihttp.http.client.inprocess.InProcessRoute} to an {@link
 * dev.wasihttp.http.ExchangeHandler} in the same JVM (another component's handler, a Java handler)
 * without a socket, streaming both ways, and every other request to a delegate (by default Jetty's
 * client). Internals are in {@code dev.wasihttp.http.client.inprocess.internal}.
 */
package dev.wasihttp.http.client.inprocess;
