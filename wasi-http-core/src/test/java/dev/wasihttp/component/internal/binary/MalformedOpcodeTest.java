package dev.wasihttp.component.internal.binary;

import static dev.wasihttp.component.internal.binary.Binaries.bytes;
import static dev.wasihttp.component.internal.binary.Binaries.component;
import static dev.wasihttp.component.internal.binary.Binaries.name;
import static dev.wasihttp.component.internal.binary.Binaries.vecSection;
import static dev.wasihttp.component.internal.binary.MalformedComponentTest.assertMalformed;

import org.junit.jupiter.api.Test;

/**
 * Unknown opcodes and features beyond WASI 0.2: each is refused as MALFORMED at the offset of the
 * opcode, with a message naming what was expected and what was found, or which feature it is.
 */
class MalformedOpcodeTest {

  @Test
  void unknownOpcodesNameTheirOffset() {
    assertMalformed(
        component(vecSection(7, 1, 0x62)), 11, "expected a type definition, found opcode 0x62");
    assertMalformed(component(vecSection(7, 1, 0x44)), 11, "found opcode 0x44");
    assertMalformed(component(vecSection(7, 1, 0x3e)), 11, "found opcode 0x3e");
    assertMalformed(
        component(vecSection(7, 1, 0x70, 0x60)),
        12,
        "expected a value type (primitive or type index), found opcode 0x60");
    assertMalformed(
        component(vecSection(7, 1, 0x71, 0x01, name("c"), 0x00, 0x01)),
        16,
        "expected zero byte after a variant case 0x00, found 0x01");
    assertMalformed(
        component(vecSection(7, 1, 0x71, 0x01, name("c"), 0x02)),
        15,
        "expected variant case payload 0x00 (absent) or 0x01 (present), found 0x02");
    assertMalformed(
        component(vecSection(7, 1, 0x40, 0x00, 0x01, 0x01)),
        14,
        "expected number of results after 0x01 0x00, found 0x01");
    assertMalformed(
        component(vecSection(7, 1, 0x40, 0x00, 0x02, 0x00)),
        13,
        "expected function result list 0x00 or 0x01, found 0x02");
    assertMalformed(
        component(vecSection(7, 1, 0x3f, 0x7f, 0x02)), 13, "expected resource destructor");
    assertMalformed(
        component(vecSection(7, 1, 0x41, 0x01, 0x05, 0x73)),
        13,
        "expected component type declaration (0x00 to 0x04), found 0x05");
    assertMalformed(
        component(vecSection(7, 1, 0x42, 0x01, 0x03, 0x00, name("a"), 0x03, 0x01)),
        13,
        "only component types have imports");
    assertMalformed(
        component(vecSection(6, 1, 0x06, 0x02, 0x00, 0x00)),
        11,
        "expected sort (0x00 to 0x05), found 0x06");
    assertMalformed(
        component(vecSection(6, 1, 0x00, 0x05, 0x02, 0x00, 0x00)),
        12,
        "expected core sort (0x00 to 0x04, 0x10 to 0x12), found 0x05");
    assertMalformed(
        component(vecSection(6, 1, 0x03, 0x03, 0x00, 0x00)),
        12,
        "expected alias target 0x00, 0x01 or 0x02, found 0x03");
    assertMalformed(
        component(vecSection(6, 1, 0x01, 0x02, 0x00, 0x00)), 11, "outer alias of sort func");
    assertMalformed(
        component(vecSection(6, 1, 0x05, 0x02, 0x00, 0x00)), 11, "outer alias of sort instance");
    assertMalformed(
        component(vecSection(2, 1, 0x02, 0x00, 0x00)),
        11,
        "expected core instance expression 0x00 or 0x01, found 0x02");
    assertMalformed(
        component(vecSection(2, 1, 0x00, 0x00, 0x01, name("i"), 0x00, 0x00)),
        16,
        "expected core instantiation argument sort 0x12 (instance), found 0x00");
    assertMalformed(
        component(vecSection(5, 1, 0x02, 0x00, 0x00)),
        11,
        "expected instance expression 0x00 or 0x01, found 0x02");
    assertMalformed(
        component(vecSection(10, 1, 0x03, name("a"), 0x01, 0x00)),
        11,
        "expected extern name form 0x00, 0x01 or 0x02, found 0x03");
    assertMalformed(
        component(vecSection(10, 1, 0x02, name("a"), 0x01, 0x03, name("x"), 0x01, 0x00)),
        15,
        "expected name attribute 0x00, 0x01 or 0x02, found 0x03");
    assertMalformed(
        component(vecSection(10, 1, 0x00, name("t"), 0x03, 0x02)),
        15,
        "expected type bound 0x00 or 0x01, found 0x02");
    assertMalformed(
        component(vecSection(10, 1, 0x00, name("x"), 0x06, 0x00)),
        14,
        "expected extern type (0x00 to 0x05), found 0x06");
    assertMalformed(
        component(vecSection(10, 1, 0x00, name("m"), 0x00, 0x00)),
        15,
        "expected 0x11 (core module) after 0x00, found 0x00");
    assertMalformed(
        component(vecSection(10, 1, 0x00, name("v"), 0x02, 0x02)),
        15,
        "expected value bound 0x00 or 0x01, found 0x02");
    assertMalformed(
        component(vecSection(11, 1, 0x00, name("e"), 0x01, 0x00, 0x02)),
        16,
        "expected optional export type 0x00 or 0x01, found 0x02");
    assertMalformed(
        component(vecSection(8, 1, 0x00, 0x01, 0x00, 0x00, 0x00)),
        12,
        "expected core func sort after canon lift 0x00, found 0x01");
    assertMalformed(
        component(vecSection(8, 1, 0x01, 0x01, 0x00, 0x00)),
        12,
        "expected func sort after canon lower 0x00, found 0x01");
    assertMalformed(
        component(vecSection(8, 1, 0x2e)),
        11,
        "expected canonical definition (0x00 to 0x04), found 0x2e");
    assertMalformed(
        component(vecSection(8, 1, 0x01, 0x00, 0x00, 0x01, 0x09)),
        15,
        "expected canonical option (0x00 to 0x05), found 0x09");
  }

  @Test
  void coreTypes() {
    assertMalformed(
        component(vecSection(3, 1, 0x00, 0x50, 0x00, 0x60, 0x00, 0x00)),
        11,
        "GC types are not supported (core subtype 0x00 0x50)");
    assertMalformed(
        component(vecSection(3, 1, 0x5f, 0x00)),
        11,
        "GC types are not supported (core type opcode 0x5f)");
    assertMalformed(component(vecSection(3, 1, 0x4e, 0x00)), 11, "GC types are not supported");
    assertMalformed(
        component(vecSection(3, 1, 0x61)),
        11,
        "expected core type 0x60 (func) or 0x50 (module), found 0x61");
    assertMalformed(
        component(vecSection(3, 1, 0x60, 0x01, 0x6e, 0x00)),
        13,
        "GC reference types are not supported (0x6e)");
    assertMalformed(
        component(vecSection(3, 1, 0x60, 0x01, 0x64, 0x70, 0x00)),
        13,
        "non-nullable reference types");
    assertMalformed(
        component(vecSection(3, 1, 0x60, 0x01, 0x42, 0x00)),
        13,
        "expected a core value type, found 0x42");
    assertMalformed(
        component(vecSection(3, 1, 0x50, 0x01, 0x04, 0x60, 0x00, 0x00)),
        13,
        "expected module type declaration (0x00 to 0x03), found 0x04");
    assertMalformed(
        component(vecSection(3, 1, 0x50, 0x01, 0x02, 0x00, 0x01, 0x01, 0x00)),
        14,
        "expected outer alias kind 0x10 (type), found 0x00");
    assertMalformed(
        component(vecSection(3, 1, 0x50, 0x01, 0x02, 0x10, 0x00, 0x01, 0x00)),
        15,
        "expected outer alias target 0x01 (outer), found 0x00");
    byte[] memoryImport = bytes(0x50, 0x01, 0x00, name("m"), name("n"), 0x02);
    assertMalformed(
        component(vecSection(3, 1, memoryImport, 0x08, 0x01, 0x10)),
        19,
        "custom page sizes are not supported");
    assertMalformed(
        component(vecSection(3, 1, memoryImport, 0x10, 0x01)),
        19,
        "expected memory limits flags 0x00 to 0x07, found 0x10");
    byte[] globalImport = bytes(0x50, 0x01, 0x00, name("m"), name("n"), 0x03, 0x7f);
    assertMalformed(
        component(vecSection(3, 1, globalImport, 0x02)), 20, "shared globals are not supported");
    byte[] tableImport = bytes(0x50, 0x01, 0x00, name("m"), name("n"), 0x01);
    assertMalformed(
        component(vecSection(3, 1, tableImport, 0x7f, 0x00, 0x01)),
        19,
        "table element type must be a reference type");
    assertMalformed(
        component(vecSection(3, 1, tableImport, 0x70, 0x04, 0x01)),
        20,
        "64-bit and shared tables are not supported");
    assertMalformed(
        component(
            vecSection(3, 1, bytes(0x50, 0x01, 0x00, name("m"), name("n"), 0x04, 0x01, 0x00))),
        19,
        "expected tag attribute 0x00, found 0x01");
  }

  @Test
  void laterComponentModelFeaturesAreRefused() {
    assertMalformed(
        component(vecSection(7, 1, 0x66, 0x01, 0x7d)),
        11,
        "stream type (0x66) is not supported in WASI 0.2");
    assertMalformed(
        component(vecSection(7, 1, 0x65, 0x00)),
        11,
        "future type (0x65) is not supported in WASI 0.2");
    assertMalformed(
        component(vecSection(7, 1, 0x64)),
        11,
        "error-context type (0x64) is not supported in WASI 0.2");
    assertMalformed(component(vecSection(7, 1, 0x70, 0x64)), 12, "error-context type (0x64)");
    assertMalformed(
        component(vecSection(7, 1, 0x67, 0x7d, 0x03)),
        11,
        "fixed-length list type (0x67) is not supported");
    assertMalformed(
        component(vecSection(7, 1, 0x63, 0x73, 0x79)), 11, "map type (0x63) is not supported");
    assertMalformed(
        component(vecSection(7, 1, 0x43, 0x00, 0x01, 0x00)),
        11,
        "async func type (0x43) is not supported");
    assertMalformed(
        component(vecSection(8, 1, 0x09, 0x01, 0x00, 0x00)),
        11,
        "async (0.3) canon task.return (0x09) is not supported in WASI 0.2");
    assertMalformed(
        component(vecSection(8, 1, 0x0e, 0x00)), 11, "async (0.3) canon stream.new (0x0e)");
    assertMalformed(component(vecSection(8, 1, 0x1c, 0x00)), 11, "canon error-context.new (0x1c)");
    assertMalformed(
        component(vecSection(8, 1, 0x07, 0x00)), 11, "canon resource.drop async (0x07)");
    assertMalformed(
        component(vecSection(8, 1, 0x40, 0x00, 0x00)), 11, "threads canon thread.spawn-ref (0x40)");
    assertMalformed(
        component(vecSection(8, 1, 0x01, 0x00, 0x00, 0x01, 0x06)),
        15,
        "async (0.3) canon option async (0x06) is not supported in WASI 0.2");
    assertMalformed(
        component(vecSection(8, 1, 0x00, 0x00, 0x00, 0x01, 0x07, 0x00, 0x00)),
        15,
        "canon option callback (0x07)");
    assertMalformed(component(vecSection(12, 1, 0x7f, 0x01, 0x01)), 8, "value section (12");
  }
}
