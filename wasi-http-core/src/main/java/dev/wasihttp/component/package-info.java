/**
 * The component runtime's API, in its phases: {@link dev.wasihttp.component.Component} (decoded and
 * validated, immutable), {@link dev.wasihttp.component.Linker} (the host's definitions by WIT
 * name), {@link dev.wasihttp.component.InstancePre} (linked once, shareable), {@link
 * dev.wasihttp.component.ComponentInstance} (one instantiation's state) and its exported {@link
 * dev.wasihttp.component.Func}s.
 */
package dev.wasihttp.component;
