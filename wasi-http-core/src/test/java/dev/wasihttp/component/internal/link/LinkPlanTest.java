package dev.wasihttp.component.internal.link;

import static dev.wasihttp.component.internal.validate.Asts.component;
import static dev.wasihttp.component.internal.validate.Asts.eq;
import static dev.wasihttp.component.internal.validate.Asts.exportDef;
import static dev.wasihttp.component.internal.validate.Asts.func;
import static dev.wasihttp.component.internal.validate.Asts.funcType;
import static dev.wasihttp.component.internal.validate.Asts.importDef;
import static dev.wasihttp.component.internal.validate.Asts.type;
import static dev.wasihttp.component.internal.validate.Asts.u32;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.component.host.HostFunction;
import dev.wasihttp.component.internal.binary.ComponentAst;
import dev.wasihttp.component.internal.binary.DefType;
import dev.wasihttp.component.internal.binary.Sort;
import dev.wasihttp.component.limits.InstanceLimits;
import dev.wasihttp.component.types.PrimitiveType;
import dev.wasihttp.component.values.Val;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A link plan is made once against the host: what cannot link fails then, and every instantiation
 * binds the host functions it resolved to the instance's own store.
 */
class LinkPlanTest {
  /** {@code (type (func (result u32))) (import "f" (func (type 0))) (export "g" (func 0))}. */
  private static final ComponentAst IMPORTS_F =
      component(type(funcType(u32())), importDef("f", func(0)), exportDef("g", Sort.FUNC, 0));

  @Test
  void eachInstanceCallsThePlannedHostFunctionWithItsOwnData() throws ComponentException {
    HostFunction<Integer> f = (caller, args) -> new Val.U32(caller.data());
    LinkPlan<Integer> plan =
        plan(IMPORTS_F, new HostDefinitions<>(Map.of(), Map.of("f", f), false));
    for (int data : new int[] {7, 8}) {
      Store<Integer> store = new Store<>(data, InstanceLimits.defaults());
      ComponentFunc g = ((Item.Func) plan.instantiate(store).export("g")).func();
      assertEquals(new Val.U32(data), g.call(null, List.of()));
    }
  }

  @Test
  void rootTypesAreEvaluatedOnceForAllInstances() throws ComponentException {
    HostFunction<Object> f = (caller, args) -> new Val.U32(0);
    LinkPlan<Object> plan = plan(IMPORTS_F, new HostDefinitions<>(Map.of(), Map.of("f", f), false));
    ComponentFunc first = exported(plan);
    ComponentFunc second = exported(plan);
    assertSame(first.type(), second.type());
    assertEquals(PrimitiveType.U32, first.type().result());
  }

  @Test
  void anImportTheHostCannotSupplyFailsWhenPlanned() {
    // (type u32) (import "t" (type (eq 0))): only instances and functions come from the host.
    ComponentAst ast =
        component(type(new DefType.PrimitiveDef(PrimitiveType.U32)), importDef("t", eq(0)));
    ComponentException e =
        assertThrows(
            ComponentException.class,
            () -> plan(ast, new HostDefinitions<>(Map.of(), Map.of(), false)));
    assertEquals(ComponentException.Kind.UNLINKABLE, e.kind());
    assertTrue(e.getMessage().contains("only instances and functions"), e.getMessage());
  }

  private static ComponentFunc exported(LinkPlan<Object> plan) throws ComponentException {
    return ((Item.Func) plan.instantiate(new Store<>(null, InstanceLimits.defaults())).export("g"))
        .func();
  }

  private static <T> LinkPlan<T> plan(ComponentAst ast, HostDefinitions<T> host)
      throws ComponentException {
    return LinkPlan.of(ast, ParsedCoreModules.parseAll(ast), host);
  }
}
