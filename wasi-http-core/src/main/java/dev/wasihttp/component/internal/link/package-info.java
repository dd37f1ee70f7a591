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
 * destructors ({@code CanonSignatures}).
 *
 * <p>At {@code Linker.instantiatePre} it runs once more in dry mode, against the real host, and
 * records a {@link LinkPlan}: each root import resolved to the host's functions and resources
 * ({@link HostImport}), the root's types evaluated, each {@code canon lift} and {@code lower}
 * signature flattened and checked. Every instantiation of that {@code InstancePre} takes those from
 * the plan and only makes state; what can fail to link has failed at {@code instantiatePre}.
 *
 * <p>The functions and instances of the runtime, each name once (packages other than this one
 * given):
 *
 * <table>
 *   <caption>Functions</caption>
 *   <tr><th>Name</th><th>What it is</th><th>When it exists</th></tr>
 *   <tr><td>{@code types.FuncType}</td><td>a component function type, as WIT writes
 *       {@code func(a: u32) -> string}</td><td>evaluated from a type definition; immutable</td></tr>
 *   <tr><td>{@code component.Func}</td><td>the embedder's handle on an exported function of a
 *       root instance</td><td>per lookup on a {@code ComponentInstance}</td></tr>
 *   <tr><td>{@link ComponentFunc}</td><td>a component-level function: values in, a value
 *       out</td><td>in a func index space, per instantiation</td></tr>
 *   <tr><td>{@link LiftedFunc}</td><td>the {@code ComponentFunc} {@code canon lift} makes: a core
 *       function of the callee instance behind the canonical ABI</td><td>per {@code canon lift},
 *       per instantiation</td></tr>
 *   <tr><td>{@code host.HostFunction}</td><td>the embedder's implementation of an imported
 *       function</td><td>registered on a {@code Linker}; shared by all instances</td></tr>
 *   <tr><td>{@link HostComponentFunc}</td><td>the {@code ComponentFunc} of a host import: a
 *       {@code HostFunction} bound to the {@link Store}, typed by the import</td><td>per host
 *       import, per instantiation</td></tr>
 *   <tr><td>{@link LoweredFunc}</td><td>the core function {@code canon lower} makes: a core call
 *       into a {@code ComponentFunc}</td><td>per {@code canon lower}, per instantiation</td></tr>
 *   <tr><td>{@code abi.CoreFunc}</td><td>a callable core function, core values as
 *       {@code long}s</td><td>wherever core code is called</td></tr>
 *   <tr><td>{@code engine.CoreExtern.Func}</td><td>a core function in a core index space: its
 *       {@code CoreFuncType} and its {@code CoreFunc}</td><td>per core export or alias</td></tr>
 *   <tr><td>{@code binary.CoreFuncType}</td><td>a core function type: parameter and result
 *       types</td><td>decoded, or read from a parsed core module</td></tr>
 * </table>
 *
 * <table>
 *   <caption>Instances</caption>
 *   <tr><th>Name</th><th>What it is</th><th>When it exists</th></tr>
 *   <tr><td>{@code component.ComponentInstance}</td><td>the embedder's handle on one
 *       instantiation of a root component: its exports and its {@code Store}</td><td>per
 *       {@code InstancePre.instantiate}</td></tr>
 *   <tr><td>{@link Store}</td><td>everything one root instantiation owns: the embedder's data,
 *       limits, which instance implements each resource type</td><td>per
 *       {@code InstancePre.instantiate}, and once in the load-time dry run</td></tr>
 *   <tr><td>{@link ComponentInstanceState}</td><td>the run-time state of one component instance,
 *       root or nested (CanonicalABI.md, {@code ComponentInstance}): handle table, may-enter,
 *       may-leave</td><td>per component instance, nested ones included</td></tr>
 *   <tr><td>{@link InstanceExports}</td><td>a component instance as its importers see it: its
 *       exports by name</td><td>in an instance index space; the root's is handed to the
 *       embedder</td></tr>
 *   <tr><td>{@link Item}</td><td>one import or export of any sort: function, instance, type,
 *       component, core module</td><td>as an instance's export or import</td></tr>
 *   <tr><td>{@code engine.CoreInstance}</td><td>a core instance: an instantiated core module or a
 *       bag of core exports</td><td>per core instance definition</td></tr>
 *   <tr><td>{@code binary.InstanceExpr}, {@code binary.CoreInstanceExpr}</td><td>how an instance
 *       is made, as decoded ({@code instanceexpr}, {@code core:instanceexpr})</td><td>decoded once
 *       per component</td></tr>
 *   <tr><td>{@link IndexSpaces}</td><td>the index spaces of one component being
 *       instantiated</td><td>while its definitions are evaluated</td></tr>
 *   <tr><td>{@link ComponentClosure}, {@link TypeClosure}</td><td>a nested component, or an
 *       instance or component type, with the index spaces it was defined in</td><td>in a
 *       component or type index space</td></tr>
 *   <tr><td>{@link LinkPlan}</td><td>what every instantiation of one root component against one
 *       host does alike: {@link HostImport}s, root types, flattened canon signatures</td><td>once
 *       per {@code InstancePre}, shared by its instances</td></tr>
 *   <tr><td>{@link ParsedCoreModules}</td><td>the parsed core modules of a component, nested ones
 *       included</td><td>once per loaded {@code Component}, shared by its instances</td></tr>
 * </table>
 */
package dev.wasihttp.component.internal.link;
