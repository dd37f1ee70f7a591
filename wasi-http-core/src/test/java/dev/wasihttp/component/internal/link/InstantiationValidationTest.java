package dev.wasihttp.component.internal.link;

import static dev.wasihttp.component.internal.validate.Asts.component;
import static dev.wasihttp.component.internal.validate.Asts.eq;
import static dev.wasihttp.component.internal.validate.Asts.exportDef;
import static dev.wasihttp.component.internal.validate.Asts.importDef;
import static dev.wasihttp.component.internal.validate.Asts.invalid;
import static dev.wasihttp.component.internal.validate.Asts.subResource;
import static dev.wasihttp.component.internal.validate.Asts.type;
import static dev.wasihttp.component.internal.validate.Asts.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.component.internal.binary.AliasTarget;
import dev.wasihttp.component.internal.binary.ComponentAst;
import dev.wasihttp.component.internal.binary.CoreDefType;
import dev.wasihttp.component.internal.binary.CoreFuncType;
import dev.wasihttp.component.internal.binary.CoreImportDesc;
import dev.wasihttp.component.internal.binary.CoreInstanceExpr;
import dev.wasihttp.component.internal.binary.CoreValType;
import dev.wasihttp.component.internal.binary.DefType;
import dev.wasihttp.component.internal.binary.Definition;
import dev.wasihttp.component.internal.binary.ExternDesc;
import dev.wasihttp.component.internal.binary.ExternName;
import dev.wasihttp.component.internal.binary.InstanceExpr;
import dev.wasihttp.component.internal.binary.ModuleDecl;
import dev.wasihttp.component.internal.binary.Sort;
import dev.wasihttp.component.internal.binary.SortIndex;
import dev.wasihttp.component.internal.binary.TypeBound;
import dev.wasihttp.component.internal.validate.Asts;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Instantiation at load: each instance of a component gets fresh resource types, ascriptions can
 * hide a resource's identity, and core modules passed as arguments are checked by core module
 * subtyping.
 */
class InstantiationValidationTest {
  /** {@code (component $eq (import "a" (type $a (sub resource))) (import "b" (type (eq $a))))}. */
  private static final Definition EQ =
      nested(component(importDef("a", subResource()), importDef("b", eq(0))));

  @Test
  void exportsOfOneResourceStayTheSameResource() throws ComponentException {
    valid(resourceExportedTwice(null));
  }

  @Test
  void anAscribedSubResourceIsANewResource() {
    invalid(
        resourceExportedTwice(new ExternDesc.TypeDesc(new TypeBound.SubResource())),
        5,
        "resource types are not the same");
  }

  @Test
  void aModuleArgumentMayNotImportWhatItsTypeDoesNotDeclare() {
    // (core module $m (import "" "f" (global i32)))
    byte[] importsGlobal = {0, 'a', 's', 'm', 1, 0, 0, 0, 2, 7, 1, 0, 1, 'f', 3, 0x7f, 0};
    // (component $c (import "m" (core module (import "" "f" (func)))))
    ComponentAst child =
        component(
            new Definition.CoreTypeDef(
                new CoreDefType.ModuleType(
                    List.of(
                        new ModuleDecl.CoreTypeDeclInModule(new CoreFuncType(List.of(), List.of())),
                        new ModuleDecl.CoreImportDecl("", "f", new CoreImportDesc.Func(0)))),
                0),
            importDef("m", new ExternDesc.CoreModuleDesc(0)));
    ComponentAst ast =
        component(
            new Definition.CoreModuleDef(importsGlobal, 0),
            nested(child),
            instantiate(0, "m", Sort.CORE_MODULE, 0));
    ComponentException e = assertThrows(ComponentException.class, () -> Asts.link(ast));
    assertEquals(ComponentException.Kind.INVALID, e.kind());
    assertTrue(e.getMessage().contains("type mismatch in import `::f`"), e.getMessage());
  }

  @Test
  void coreImportsMatchTheDeclaredTypeOfWhatTheyAreGiven() {
    // (core module $m1 (import "" "g" (global i32)))
    byte[] importsI32 = {0, 'a', 's', 'm', 1, 0, 0, 0, 2, 7, 1, 0, 1, 'g', 3, 0x7f, 0};
    // (core module $m2 (global (export "g") i64 (i64.const 0)))
    byte[] exportsI64 = {
      0, 'a', 's', 'm', 1, 0, 0, 0, 6, 6, 1, 0x7e, 0, 0x42, 0, 0x0b, 7, 5, 1, 1, 'g', 3, 0
    };
    // (core instance $i (instantiate $m2)) (core instance (instantiate $m1 (with "" (instance
    // $i))))
    ComponentAst ast =
        component(
            new Definition.CoreModuleDef(importsI32, 0),
            new Definition.CoreModuleDef(exportsI64, 0),
            new Definition.CoreInstanceDef(new CoreInstanceExpr.Instantiate(1, List.of()), 0),
            new Definition.CoreInstanceDef(
                new CoreInstanceExpr.Instantiate(
                    0, List.of(new CoreInstanceExpr.CoreInstantiateArg("", 0))),
                0));
    ComponentException e = assertThrows(ComponentException.class, () -> Asts.link(ast));
    assertEquals(ComponentException.Kind.INVALID, e.kind());
    assertEquals(103, e.offset());
    assertTrue(e.getMessage().contains("global type mismatch"), e.getMessage());
  }

  /**
   * A child defining resource {@code $r} exported as "r1" and "r2" (the second with {@code
   * ascription}, if any), instantiated; its two exports passed to {@link #EQ}.
   */
  private static ComponentAst resourceExportedTwice(ExternDesc ascription) {
    ComponentAst child =
        component(
            type(new DefType.ResourceDef(CoreValType.I32, null)),
            exportDef("r1", Sort.TYPE, 0),
            new Definition.ExportDef(
                ExternName.of("r2"), new SortIndex(Sort.TYPE, 0), ascription, 0));
    return component(
        nested(child),
        instantiate(0, null, null, 0),
        alias(0, "r1"),
        alias(0, "r2"),
        EQ,
        new Definition.InstanceDef(
            new InstanceExpr.Instantiate(
                1,
                List.of(
                    new InstanceExpr.InstantiateArg("a", new SortIndex(Sort.TYPE, 0)),
                    new InstanceExpr.InstantiateArg("b", new SortIndex(Sort.TYPE, 1)))),
            0));
  }

  private static Definition nested(ComponentAst ast) {
    return new Definition.NestedComponentDef(ast, 0);
  }

  private static Definition alias(int instance, String name) {
    return new Definition.AliasDef(Sort.TYPE, new AliasTarget.Export(instance, name), 0);
  }

  private static Definition instantiate(int component, String arg, Sort sort, int index) {
    List<InstanceExpr.InstantiateArg> args =
        arg == null
            ? List.of()
            : List.of(new InstanceExpr.InstantiateArg(arg, new SortIndex(sort, index)));
    return new Definition.InstanceDef(new InstanceExpr.Instantiate(component, args), 0);
  }
}
