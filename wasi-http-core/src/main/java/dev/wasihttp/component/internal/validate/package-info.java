/**
 * Static validation of a decoded component (Explainer.md and Binary.md validation rules), run at
 * load before anything is linked or instantiated. {@link
 * dev.wasihttp.component.internal.validate.Validator} walks every component, component type and
 * instance type with static types ({@code VType}); one class per rule family: names ({@code
 * ExternNames}, {@code Externs}), type definitions ({@code TypeDefs}), external visibility ({@code
 * Visibility}), instantiation of known component types ({@code Substitution}, {@code Ascription}),
 * core module types ({@code CoreTypeRules}). What needs the core modules themselves (core imports,
 * instantiation arguments, canonical option signatures) is checked by the load-time dry-run link in
 * {@code internal.link}.
 */
package dev.wasihttp.component.internal.validate;
