/**
 * The internals of in-process routing, not API: the routing outgoing handler, the request body that
 * is bound when its destination is known, the in-process exchange and the bounded pipes its bodies
 * stream through.
 */
package dev.wasihttp.http.client.inprocess.internal;
