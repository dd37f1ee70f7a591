/**
 * Resource handles (CanonicalABI.md, "Handles" and "Resource Tables"): the per-instance table of
 * own and borrow handles, and the bookkeeping of lends and borrows within one call.
 */
package dev.wasihttp.component.internal.resources;
