/**
 * What a component instance may take: {@link dev.wasihttp.component.limits.InstanceLimits} (linear
 * memory and handles per instance) and {@link dev.wasihttp.component.limits.MemoryBudget} (bytes
 * reserved before they are held: guest memory across the JVM, host memory per request), and the
 * size syntax settings write them in ({@link dev.wasihttp.component.limits.Sizes}). Depends on no
 * other package of the runtime but its errors, so every phase may use it.
 */
package dev.wasihttp.component.limits;
