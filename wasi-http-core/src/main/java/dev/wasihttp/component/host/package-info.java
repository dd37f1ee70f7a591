/**
 * The host's side of the component boundary: the {@link dev.wasihttp.component.host.HostFunction}s
 * and {@link dev.wasihttp.component.host.ResourceDestructor}s a host registers on a {@code Linker},
 * the {@link dev.wasihttp.component.host.Caller} they are given, and the {@link
 * dev.wasihttp.component.host.ResourceTable} in which a host keeps the Java objects behind the
 * resource handles it gives a guest.
 */
package dev.wasihttp.component.host;
