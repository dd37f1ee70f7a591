/**
 * How the component runtime fails: {@link dev.wasihttp.component.errors.ComponentException}
 * (checked) when a component cannot be loaded or linked, with the spec's words for the phase
 * (malformed, invalid, unlinkable, uninstantiable); {@link dev.wasihttp.component.errors.Trap}
 * (unchecked) when a call fails at run time, and its kind {@link
 * dev.wasihttp.component.errors.HostFault} when the host, not the guest, is at fault.
 */
package dev.wasihttp.component.errors;
