package dev.wasihttp.component.internal.validate;

import static dev.wasihttp.component.internal.validate.Asts.canon;
import static dev.wasihttp.component.internal.validate.Asts.component;
import static dev.wasihttp.component.internal.validate.Asts.eq;
import static dev.wasihttp.component.internal.validate.Asts.exportDef;
import static dev.wasihttp.component.internal.validate.Asts.func;
import static dev.wasihttp.component.internal.validate.Asts.funcType;
import static dev.wasihttp.component.internal.validate.Asts.importDef;
import static dev.wasihttp.component.internal.validate.Asts.invalid;
import static dev.wasihttp.component.internal.validate.Asts.record;
import static dev.wasihttp.component.internal.validate.Asts.ref;
import static dev.wasihttp.component.internal.validate.Asts.string;
import static dev.wasihttp.component.internal.validate.Asts.subResource;
import static dev.wasihttp.component.internal.validate.Asts.type;
import static dev.wasihttp.component.internal.validate.Asts.u32;
import static dev.wasihttp.component.internal.validate.Asts.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.component.internal.abi.StringEncoding;
import dev.wasihttp.component.internal.binary.AliasTarget;
import dev.wasihttp.component.internal.binary.Canon;
import dev.wasihttp.component.internal.binary.CanonOpt;
import dev.wasihttp.component.internal.binary.CoreValType;
import dev.wasihttp.component.internal.binary.Decl;
import dev.wasihttp.component.internal.binary.DefType;
import dev.wasihttp.component.internal.binary.Definition;
import dev.wasihttp.component.internal.binary.InstanceExpr;
import dev.wasihttp.component.internal.binary.Sort;
import dev.wasihttp.component.internal.binary.SortIndex;
import dev.wasihttp.component.types.PrimitiveType;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Load-time validation rules, each shown by a small component it accepts or refuses. */
class ValidatorTest {
  private static final DefType RESOURCE = new DefType.ResourceDef(CoreValType.I32, null);

  @Test
  void recordsVariantsFlagsAndEnumsAreNonEmptyWithUniqueKebabLabels() throws ComponentException {
    valid(component(type(record("x", "y"))));
    invalid(component(type(record())), 0, "record type must have at least one field");
    invalid(component(type(record("a-B-c-D", "A-b-C-d"))), 0, "conflicts with previous field name");
    invalid(component(type(record("GoNnA"))), 0, "not in kebab case");
    invalid(component(type(new DefType.EnumDef(List.of()))), 0, "at least one variant");
    invalid(
        component(type(new DefType.FlagsDef(Collections.nCopies(33, "f")))),
        0,
        "more than 32 flags");
    invalid(component(type(funcType(null, "foo", u32(), "FOO", u32()))), 0, "parameter name `FOO`");
  }

  @Test
  void handlesTakeResourcesAndResultsHoldNoBorrow() throws ComponentException {
    valid(
        component(
            type(RESOURCE), type(new DefType.BorrowDef(0)), type(funcType(null, "self", ref(1)))));
    invalid(component(type(record("x")), type(new DefType.OwnDef(0))), 1, "not a resource type");
    invalid(
        component(type(RESOURCE), type(new DefType.BorrowDef(0)), type(funcType(ref(1)))),
        2,
        "function result cannot contain a `borrow` type");
    invalid(
        component(type(new DefType.InstanceTypeDef(List.of(new Decl.TypeDecl(RESOURCE))))),
        0,
        "resources can only be defined within a concrete component");
  }

  @Test
  void annotatedNamesMatchTheResourceTheyBelongTo() throws ComponentException {
    // (import "a" (type $a (sub resource))) (import "[constructor]a" (func (result (own $a))))
    valid(
        component(
            importDef("a", subResource()),
            type(new DefType.OwnDef(0)),
            type(funcType(ref(1))),
            importDef("[constructor]a", func(2))));
    invalid(
        component(
            importDef("b", subResource()),
            type(new DefType.OwnDef(0)),
            type(funcType(ref(1))),
            importDef("[constructor]a", func(2))),
        3,
        "does not match expected resource name `b`");
    invalid(
        component(type(funcType(null, "x", u32())), importDef("[method]a.b", func(0))),
        1,
        "first argument called `self`");
    invalid(component(type(funcType(null)), importDef("[static]a.b", func(0))), 1, "not known");
  }

  @Test
  void canonicalOptionsComeOnceAndWhenTheTypeNeedsThem() throws ComponentException {
    // (import "f" (func $f (param "p" string))) (core func (canon lower (func $f)))
    Definition takesString = importDef("f", func(0));
    invalid(
        component(
            type(funcType(null, "p", string())), takesString, canon(new Canon.Lower(0, List.of()))),
        2,
        "canonical option `memory` is required");
    invalid(
        component(
            type(funcType(null)),
            importDef("f", func(0)),
            canon(
                new Canon.Lower(
                    0,
                    List.of(
                        new CanonOpt.StringEncodingOpt(StringEncoding.UTF8),
                        new CanonOpt.StringEncodingOpt(StringEncoding.UTF16))))),
        2,
        "`utf8` conflicts with option `utf16`");
    invalid(
        component(
            type(funcType(null)),
            importDef("f", func(0)),
            canon(new Canon.Lower(0, List.of(new CanonOpt.PostReturnOpt(0))))),
        2,
        "cannot be specified for lowerings");
  }

  @Test
  void resourceNewAndRepOnlyForLocalResources() throws ComponentException {
    valid(
        component(
            type(RESOURCE), canon(new Canon.ResourceNew(0)), canon(new Canon.ResourceDrop(0))));
    invalid(
        component(importDef("t", subResource()), canon(new Canon.ResourceRep(0))),
        1,
        "not a local resource");
  }

  @Test
  void exportsMentionOnlyImportedOrExportedNominalTypes() throws ComponentException {
    // (type $rec (record ...)) (export $rec' "rec" (type $rec)) (type (func (result $rec')))
    valid(
        component(
            type(record("x")),
            exportDef("rec", Sort.TYPE, 0),
            type(new DefType.ListDef(ref(1))),
            exportDef("l", Sort.TYPE, 2)));
    invalid(
        component(
            type(record("x")), type(new DefType.ListDef(ref(0))), exportDef("l", Sort.TYPE, 1)),
        2,
        "type not valid to be used as export");
    // an import may not mention a type only an export named
    invalid(
        component(
            type(record("x")),
            exportDef("rec", Sort.TYPE, 0),
            type(funcType(ref(1))),
            importDef("f", func(2))),
        3,
        "func not valid to be used as import");
  }

  @Test
  void outerAliasesDoNotCarryResourcesIntoNestedComponents() throws ComponentException {
    Definition aliasType0 = new Definition.AliasDef(Sort.TYPE, new AliasTarget.Outer(1, 0), 0);
    valid(
        component(type(record("x")), new Definition.NestedComponentDef(component(aliasType0), 0)));
    invalid(
        component(type(RESOURCE), new Definition.NestedComponentDef(component(aliasType0), 0)),
        0, // the alias, first definition of the nested component
        "transitively refers to resources");
    invalid(component(aliasType0), 0, "invalid outer alias count");
  }

  @Test
  void instantiationArgumentsMatchTheImportsTheySatisfy() throws ComponentException {
    // (component $c (import "x" (type (eq $t)))) where $t is a u32 inside $c
    var child =
        new Definition.NestedComponentDef(
            component(type(new DefType.PrimitiveDef(PrimitiveType.U32)), importDef("x", eq(0))), 0);
    Definition withU32 = instantiate("x", 0);
    Asts.link(component(child, type(new DefType.PrimitiveDef(PrimitiveType.U32)), withU32));
    ComponentException e =
        assertThrows(
            ComponentException.class, () -> Asts.link(component(child, type(RESOURCE), withU32)));
    assertEquals(ComponentException.Kind.INVALID, e.kind());
    assertTrue(e.getMessage().contains("expected defined type, found resource"), e.getMessage());
    invalid(
        component(child, new Definition.InstanceDef(new InstanceExpr.Instantiate(0, List.of()), 0)),
        1,
        "missing import named `x`");
  }

  private static Definition instantiate(String arg, int typeIndex) {
    return new Definition.InstanceDef(
        new InstanceExpr.Instantiate(
            0, List.of(new InstanceExpr.InstantiateArg(arg, new SortIndex(Sort.TYPE, typeIndex)))),
        0);
  }
}
