/**
 * Linking and instantiation: builds a component instance's index spaces definition by
 * definition (Explainer, "Index spaces"), instantiates core modules through the engine seam,
 * nests component instances, and makes the canonical functions ({@code canon lift}, {@code canon
 * lower}, {@code resource.*}) that connect them.
 */
package dev.wasihttp.component.internal.link;
