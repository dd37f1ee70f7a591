/**
 * Linking and instantiation: builds a component instance's index spaces definition by
 * definition (Explainer, "Index spaces"), instantiates core modules through the engine seam,
 * nests component instances, and makes the canonical functions ({@code canon lift}, {@code canon
 * lower}, {@code resource.*}) that connect them.
 *
 * <p>Validation happens at load, before any guest code: {@link Validator} walks every component,
 * component type and instance type with static types ({@code VType}: names, type definitions,
 * external visibility, outer aliases, canonical options, instantiation of known component
 * types), then the dry-run link checks what needs the core modules (core imports, instantiation
 * arguments by {@code Subtyping}, core global, table and memory imports by {@code
 * CoreLinkTypes}, realloc, post-return and destructor signatures). A rule per
 * class: {@code ExternNames}, {@code Externs}, {@code TypeDefs}, {@code CanonRules}, {@code
 * Visibility}, {@code Substitution}, {@code Ascription}, {@code CoreTypeRules}, {@code
 * ModuleSubtyping}.
 */
package dev.wasihttp.component.internal.link;
