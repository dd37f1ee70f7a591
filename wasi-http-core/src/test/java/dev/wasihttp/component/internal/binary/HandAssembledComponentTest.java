package dev.wasihttp.component.internal.binary;

import static dev.wasihttp.component.internal.binary.Binaries.PREAMBLE;
import static dev.wasihttp.component.internal.binary.Binaries.component;
import static dev.wasihttp.component.internal.binary.Binaries.name;
import static dev.wasihttp.component.internal.binary.Binaries.section;
import static dev.wasihttp.component.internal.binary.Binaries.vecSection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.component.types.PrimitiveType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Well-formed edge cases assembled by hand (after {@code test/binary/binary.wast}): forms the text
 * format tools never emit, and the leniency the name section requires.
 */
class HandAssembledComponentTest {

  @Test
  void nameSectionIsLenient() throws ComponentException {
    // binary.wast: garbage in component-name sections, even repeated, is fine
    ComponentAst ast =
        ComponentDecoder.decode(
            component(
                section(0, name("component-name"), 0xff, 0xfe, 0x01),
                section(0, name("component-name"), 0x99)));
    assertNull(ast.names());
    // a well-formed one after a malformed one is used
    byte[] good =
        section(
            0,
            name("component-name"),
            0x00,
            0x02,
            name("c"),
            0x01,
            0x05,
            0x03,
            0x01,
            0x00,
            name("t"));
    ast = ComponentDecoder.decode(component(section(0, name("component-name"), 0x01, 0x7f), good));
    assertNotNull(ast.names());
    assertEquals("c", ast.names().componentName());
    assertEquals("t", ast.names().name(Sort.TYPE, 0));
    // an unknown subsection is skipped; other custom sections are skipped whole
    ast =
        ComponentDecoder.decode(
            component(
                section(0, name("component-name"), 0x07, 0x01, 0x00),
                section(0, name("producers"), 0x01, 0x02)));
    assertEquals(null, ast.names().componentName());
  }

  @Test
  void validEdgeCasesDecode() throws ComponentException {
    // binary.wast: an alias between two type sections; empty vec sections; empty nested component
    ComponentAst ast =
        ComponentDecoder.decode(
            component(
                vecSection(7, 1, 0x73),
                vecSection(6, 1, 0x03, 0x02, 0x00, 0x00),
                section(0, name("between")),
                vecSection(7, 1, 0x70, 0x01),
                vecSection(5, 0),
                vecSection(8, 0),
                section(4, PREAMBLE)));
    assertEquals(4, ast.definitions().size());
    assertEquals(
        new DefType.ListDef(new TypeRef.Index(1)),
        ((Definition.TypeDef) ast.definitions().get(2)).type());
    assertEquals(
        List.of(),
        ((Definition.NestedComponentDef) ast.definitions().get(3)).component().definitions());

    // start (🪙): f, args, result count; value imports with both bounds
    ast =
        ComponentDecoder.decode(
            component(
                section(9, 0x00, 0x02, 0x00, 0x01, 0x01),
                vecSection(
                    10, 2, 0x00, name("v"), 0x02, 0x01, 0x73, 0x00, name("w"), 0x02, 0x00, 0x00)));
    assertEquals(new Definition.StartDef(0, List.of(0, 1), 1, 10), ast.definitions().get(0));
    assertEquals(
        new ExternDesc.ValueDesc(new TypeRef.Primitive(PrimitiveType.STRING)),
        ((Definition.ImportDef) ast.definitions().get(1)).desc());
    assertEquals(
        new ExternDesc.ValueEqDesc(0), ((Definition.ImportDef) ast.definitions().get(2)).desc());

    // the 0x01 name form is the same as 0x00 (Binary.md, "warts")
    ast = ComponentDecoder.decode(component(vecSection(10, 1, 0x01, name("f"), 0x01, 0x00)));
    assertEquals(ExternName.of("f"), ((Definition.ImportDef) ast.definitions().get(0)).name());

    // core reference shorthands and their (ref null ...) spellings, exnref
    ast =
        ComponentDecoder.decode(
            component(
                vecSection(3, 1, 0x60, 0x04, 0x63, 0x70, 0x63, 0x6f, 0x69, 0x63, 0x69, 0x00)));
    assertEquals(
        new CoreFuncType(
            List.of(
                CoreValType.FUNCREF, CoreValType.EXTERNREF, CoreValType.EXNREF, CoreValType.EXNREF),
            List.of()),
        ((Definition.CoreTypeDef) ast.definitions().get(0)).type());
  }
}
