package dev.wasihttp.component.internal.link;

import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.component.internal.binary.ComponentAst;

/**
 * What instantiating one component against one host does the same way every time, worked out once
 * when the component is linked ({@code Linker.instantiatePre}) so that an instantiation only makes
 * state: core instances, memories, tables, handle tables, the {@link Store}. Immutable; shared by
 * every instantiation, on any thread.
 *
 * <p>The plan is made by a dry run of the {@link Instantiator} against the real host (core modules
 * linked, not run), so whatever can fail to link fails then, not per instance. It keeps, per
 * definition of the root component:
 *
 * <ul>
 *   <li>an import: its {@link HostImport}, the host functions and resources found by name and
 *       version and the import's type evaluated;
 *   <li>a {@code canon lift} or {@code canon lower}: the flattened core signature (CanonicalABI.md,
 *       {@code flatten_functype}), its core function's and options' signatures checked;
 *   <li>a type definition: the value or function type it evaluates to.
 * </ul>
 *
 * <p>An import or type is kept only while no guest resource type has been defined ({@link
 * Store#definesGuestResources}): after that a type may name a resource made per instance. Nested
 * components are evaluated in full each time.
 *
 * @param <T> the per-instance data of the host functions
 */
public final class LinkPlan<T> {
  private final ComponentAst ast;
  private final ParsedCoreModules modules;
  private final HostDefinitions<T> host;
  // Per root definition, by index: a HostImport, a flattened CoreFuncType, an evaluated type, or
  // null where the instantiator evaluates the definition each time.
  private final Object[] steps;
  private final long initialMemory;

  private LinkPlan(
      ComponentAst ast,
      ParsedCoreModules modules,
      HostDefinitions<T> host,
      Object[] steps,
      long initialMemory) {
    this.ast = ast;
    this.modules = modules;
    this.host = host;
    this.steps = steps;
    this.initialMemory = initialMemory;
  }

  /**
   * Plans the instantiation of a root component against {@code host}.
   *
   * @throws ComponentException UNLINKABLE when an import does not fit the host's definition
   */
  public static <T> LinkPlan<T> of(
      ComponentAst ast, ParsedCoreModules modules, HostDefinitions<T> host)
      throws ComponentException {
    Object[] steps = new Object[ast.definitions().size()];
    Store<T> dry = Store.dryRun();
    new Instantiator<T>(dry, modules, null, steps).instantiateRoot(ast, host);
    return new LinkPlan<>(ast, modules, host, steps, dry.memorySize());
  }

  /**
   * Instantiates the component in {@code store}: core modules are instantiated and their start
   * functions run.
   *
   * @throws ComponentException UNINSTANTIABLE when initialisation traps
   */
  public InstanceExports instantiate(Store<T> store) throws ComponentException {
    return new Instantiator<>(store, modules, this, null).instantiateRoot(ast, host);
  }

  /**
   * The bytes of linear memory every instantiation creates, all core memories at their initial
   * sizes (the dry run met each core instantiation an instantiation makes).
   */
  public long initialMemory() {
    return initialMemory;
  }

  /** What the plan holds for root definition {@code index}, or null. */
  Object step(int index) {
    return steps[index];
  }
}
