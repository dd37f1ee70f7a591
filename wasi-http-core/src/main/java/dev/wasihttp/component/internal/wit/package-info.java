/** Printing a component's type as WIT: its world and the interfaces it imports and exports. */
package dev.wasihttp.component.internal.wit;
