/**
 * Linking and instantiation: builds a component instance's index spaces definition by definition
 * (Explainer, "Index spaces"), instantiates core modules through the engine seam, nests component
 * instances, and makes the canonical functions ({@code canon lift}, {@code canon lower}, {@code
 * resource.*}) that connect them.
 *
 * <p>At load the instantiator runs once in dry mode (core modules linked, not run): after the
 * static rules of {@code internal.validate}, this checks what needs the core modules: core imports,
 * instantiation arguments ({@code Subtyping}, {@code ModuleSubtyping}), core global, table and
 * memory imports ({@code CoreLinkTypes}), and the signatures of realloc, post-return and
 * destructors ({@code CanonRules}).
 */
package dev.wasihttp.component.internal.link;
