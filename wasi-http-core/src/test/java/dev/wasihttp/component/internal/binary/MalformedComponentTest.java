package dev.wasihttp.component.internal.binary;

import static dev.wasihttp.component.internal.binary.Binaries.PREAMBLE;
import static dev.wasihttp.component.internal.binary.Binaries.bytes;
import static dev.wasihttp.component.internal.binary.Binaries.component;
import static dev.wasihttp.component.internal.binary.Binaries.emptyCoreModule;
import static dev.wasihttp.component.internal.binary.Binaries.leb;
import static dev.wasihttp.component.internal.binary.Binaries.name;
import static dev.wasihttp.component.internal.binary.Binaries.section;
import static dev.wasihttp.component.internal.binary.Binaries.vecSection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wasihttp.component.ComponentException;
import dev.wasihttp.component.types.PrimitiveType;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Malformed binaries: each must fail with a MALFORMED {@link ComponentException} at the right
 * offset and with a message that says what was expected and what was found. Cases follow {@code
 * test/binary/binary.wast} of the component-model repository where it has one.
 */
class MalformedComponentTest {

  static ComponentException assertMalformed(byte[] bin, long offset, String fragment) {
    ComponentException e = assertThrows(ComponentException.class, () -> ComponentDecoder.decode(bin));
    assertEquals(ComponentException.Kind.MALFORMED, e.kind(), e.getMessage());
    assertTrue(
        e.getMessage().contains(fragment), "message \"" + e.getMessage() + "\" lacks " + fragment);
    if (offset >= 0) {
      assertEquals(offset, e.offset(), e.getMessage());
    }
    return e;
  }

  /** Offsets where a top-level section ends: a component truncated there is still well-formed. */
  static Set<Integer> sectionEnds(byte[] bin) throws ComponentException {
    Set<Integer> ends = new HashSet<>();
    BinaryReader r = BinaryReader.of(bin);
    r.skip(8, "preamble");
    ends.add(8);
    while (!r.atEnd()) {
      r.u8("id");
      r.skip(r.u32("size"), "section");
      ends.add(r.position());
    }
    return ends;
  }

  @Test
  void truncatedAtEveryByte() throws ComponentException {
    for (String f : Binaries.FIXTURES) {
      byte[] bin = Binaries.fixture(f);
      Set<Integer> ends = sectionEnds(bin);
      for (int len = 0; len < bin.length; len++) {
        byte[] cut = Arrays.copyOf(bin, len);
        try {
          ComponentDecoder.decode(cut);
          assertTrue(ends.contains(len), f + " truncated to " + len + " bytes decoded");
        } catch (ComponentException e) {
          assertEquals(ComponentException.Kind.MALFORMED, e.kind(), e.getMessage());
          assertTrue(!ends.contains(len), f + " cut at a section end: " + e.getMessage());
          assertTrue(e.offset() >= 0 && e.offset() <= len, f + "@" + len + ": " + e.getMessage());
        }
      }
    }
  }

  @Test
  void preamble() {
    assertMalformed(new byte[0], 0, "unexpected end: expected 8 bytes of preamble, 0 left");
    assertMalformed(bytes(0, 'a', 's'), 3, "unexpected end");
    assertMalformed(bytes(0, 'a', 's', 'm', 0x0d, 0, 1), 7, "unexpected end");
    assertMalformed(bytes("asm", 0, 0x0d, 0, 1, 0), 0, "expected magic");
    assertMalformed(bytes(0, "ASM", 0x0d, 0, 1, 0), 0, "found 0x00 0x41 0x53 0x4d");
    assertMalformed(bytes(0, "asm", 0x0c, 0, 1, 0), 4, "unknown binary version");
    assertMalformed(bytes(0, "asm", 0x0e, 0, 1, 0), 4, "expected 0x0d 0x00, found 0x0e 0x00");
    assertMalformed(bytes(0, "asm", 0x0d, 0, 2, 0), 6, "expected layer 0x01 0x00");
    assertMalformed(bytes(0, "asm", 0x0d, 0, 1, 1), 6, "found 0x01 0x01");
    assertMalformed(emptyCoreModule(), 4, "this is a core module, not a component");
  }

  @Test
  void sectionFraming() {
    assertMalformed(component(0x0d, 0x00), 8, "expected section id (0 to 12), found 0x0d");
    assertMalformed(component(0x3c, 0x00), 8, "found 0x3c");
    assertMalformed(component(0xff), 8, "found 0xff");
    assertMalformed(component(0x00), 9, "unexpected end: expected section size, 0 left");
    assertMalformed(component(0x07, 0x03, 0x00), 8, "section size 3 runs past the end (1 bytes left)");
    assertMalformed(component(0x07, 0x05, 0x01, 0x73), 8, "section size 5 runs past the end (2 bytes left)");
    // type section of 2 bytes holding one 1-byte type and a stray byte
    assertMalformed(
        component(0x07, 0x03, 0x01, 0x73, 0x73), 12, "section 7 ends at 0xd but its content ended at 0xc");
    // binary.wast: a type section of size 1 holding a count of one, then the type outside it
    assertMalformed(component(0x07, 0x01, 0x01, 0x73), 10, "1 types cannot fit in the 0 bytes left");
    assertMalformed(component(0x00, 0x80, 0x80), 9, "unexpected end in LEB128 section size");
  }

  @Test
  void leb128() throws ComponentException {
    // Binary.md reuses core:u32: zero-padded 5-byte encodings are fine, set bits past 32 are not.
    ComponentDecoder.decode(component(0x07, 0x81, 0x80, 0x80, 0x80, 0x00, 0x00));
    assertMalformed(component(0x07, 0x81, 0x80, 0x80, 0x80, 0x70, 0x00), 9, "LEB128 u32 too large");
    assertMalformed(component(0x07, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00), 9, "LEB128 u32 too long");
    // an s33 value type: -1 in two bytes is not a primitive opcode, and bits past 33 must extend
    assertMalformed(
        component(vecSection(7, 1, 0x70, 0xff, 0x7f)), 12, "expected a value type, found the negative s33 -1");
    assertMalformed(
        component(vecSection(7, 1, 0x70, 0xff, 0xff, 0xff, 0xff, 0x2f)), 12, "LEB128 s33 too large");
    assertMalformed(
        component(vecSection(7, 1, 0x70, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00)), 12, "LEB128 s33 too long");
  }

  @Test
  void utf8Names() {
    assertMalformed(component(section(0, 0x02, 0xff, 0xfe)), 11, "custom section name is not valid UTF-8");
    assertMalformed(component(section(0, 0x05, 'a', 'b')), 11, "expected 5 bytes of custom section name, 2 left");
    byte[] importOf = bytes(vecSection(7, 1, 0x40, 0x00, 0x01, 0x00));
    // overlong "/" (0xc0 0xaf) and a UTF-16 surrogate (0xed 0xa0 0x80) are not UTF-8
    assertMalformed(
        component(importOf, vecSection(10, 1, 0x00, 0x02, 0xc0, 0xaf, 0x01, 0x00)), 20, "extern name is not valid UTF-8");
    assertMalformed(
        component(importOf, vecSection(10, 1, 0x00, 0x03, 0xed, 0xa0, 0x80, 0x01, 0x00)), 20, "not valid UTF-8");
    assertMalformed(
        component(vecSection(10, 1, 0x00, 0x7f, 'a', 'b')), 13, "expected 127 bytes of extern name, 2 left");
  }

  @Test
  void vectorCountsLargerThanTheBytesLeft() {
    assertMalformed(
        component(section(7, 0xbf, 0x84, 0x3d, 0x73)), 10, "999999 types cannot fit in the 1 bytes left");
    assertMalformed(
        component(section(7, 0xff, 0xff, 0xff, 0xff, 0x0f)), 10, "4294967295 types cannot fit");
    assertMalformed(component(vecSection(7, 2, 0x73)), 10, "2 types cannot fit in the 1 bytes left");
    assertMalformed(component(vecSection(7, 2, 0x73, 0x70)), 13, "unexpected end: expected value type, 0 left");
    // record fields take at least two bytes each
    assertMalformed(component(vecSection(7, 1, 0x72, 0x03, 0x01, 'a', 0x73)), 12, "3 record fields cannot fit");
    assertMalformed(component(vecSection(2, 1, 0x01, 0x7f)), 12, "127 core inline exports cannot fit");
  }

  @Test
  void unknownOpcodesNameTheirOffset() {
    assertMalformed(component(vecSection(7, 1, 0x62)), 11, "expected a type definition, found opcode 0x62");
    assertMalformed(component(vecSection(7, 1, 0x44)), 11, "found opcode 0x44");
    assertMalformed(component(vecSection(7, 1, 0x3e)), 11, "found opcode 0x3e");
    assertMalformed(component(vecSection(7, 1, 0x70, 0x60)), 12, "expected a value type (primitive or type index), found opcode 0x60");
    assertMalformed(
        component(vecSection(7, 1, 0x71, 0x01, name("c"), 0x00, 0x01)), 16, "expected zero byte after a variant case 0x00, found 0x01");
    assertMalformed(component(vecSection(7, 1, 0x71, 0x01, name("c"), 0x02)), 15, "expected variant case payload 0x00 (absent) or 0x01 (present), found 0x02");
    assertMalformed(component(vecSection(7, 1, 0x40, 0x00, 0x01, 0x01)), 14, "expected number of results after 0x01 0x00, found 0x01");
    assertMalformed(component(vecSection(7, 1, 0x40, 0x00, 0x02, 0x00)), 13, "expected function result list 0x00 or 0x01, found 0x02");
    assertMalformed(component(vecSection(7, 1, 0x3f, 0x7f, 0x02)), 13, "expected resource destructor");
    assertMalformed(component(vecSection(7, 1, 0x41, 0x01, 0x05, 0x73)), 13, "expected component type declaration (0x00 to 0x04), found 0x05");
    assertMalformed(
        component(vecSection(7, 1, 0x42, 0x01, 0x03, 0x00, name("a"), 0x03, 0x01)), 13, "only component types have imports");
    assertMalformed(component(vecSection(6, 1, 0x06, 0x02, 0x00, 0x00)), 11, "expected sort (0x00 to 0x05), found 0x06");
    assertMalformed(component(vecSection(6, 1, 0x00, 0x05, 0x02, 0x00, 0x00)), 12, "expected core sort (0x00 to 0x04, 0x10 to 0x12), found 0x05");
    assertMalformed(component(vecSection(6, 1, 0x03, 0x03, 0x00, 0x00)), 12, "expected alias target 0x00, 0x01 or 0x02, found 0x03");
    assertMalformed(component(vecSection(6, 1, 0x01, 0x02, 0x00, 0x00)), 11, "outer alias of sort func");
    assertMalformed(component(vecSection(6, 1, 0x05, 0x02, 0x00, 0x00)), 11, "outer alias of sort instance");
    assertMalformed(component(vecSection(2, 1, 0x02, 0x00, 0x00)), 11, "expected core instance expression 0x00 or 0x01, found 0x02");
    assertMalformed(
        component(vecSection(2, 1, 0x00, 0x00, 0x01, name("i"), 0x00, 0x00)), 16, "expected core instantiation argument sort 0x12 (instance), found 0x00");
    assertMalformed(component(vecSection(5, 1, 0x02, 0x00, 0x00)), 11, "expected instance expression 0x00 or 0x01, found 0x02");
    assertMalformed(component(vecSection(10, 1, 0x03, name("a"), 0x01, 0x00)), 11, "expected extern name form 0x00, 0x01 or 0x02, found 0x03");
    assertMalformed(
        component(vecSection(10, 1, 0x02, name("a"), 0x01, 0x03, name("x"), 0x01, 0x00)), 15, "expected name attribute 0x00, 0x01 or 0x02, found 0x03");
    assertMalformed(component(vecSection(10, 1, 0x00, name("t"), 0x03, 0x02)), 15, "expected type bound 0x00 or 0x01, found 0x02");
    assertMalformed(component(vecSection(10, 1, 0x00, name("x"), 0x06, 0x00)), 14, "expected extern type (0x00 to 0x05), found 0x06");
    assertMalformed(component(vecSection(10, 1, 0x00, name("m"), 0x00, 0x00)), 15, "expected 0x11 (core module) after 0x00, found 0x00");
    assertMalformed(component(vecSection(10, 1, 0x00, name("v"), 0x02, 0x02)), 15, "expected value bound 0x00 or 0x01, found 0x02");
    assertMalformed(
        component(vecSection(11, 1, 0x00, name("e"), 0x01, 0x00, 0x02)), 16, "expected optional export type 0x00 or 0x01, found 0x02");
    assertMalformed(component(vecSection(8, 1, 0x00, 0x01, 0x00, 0x00, 0x00)), 12, "expected core func sort after canon lift 0x00, found 0x01");
    assertMalformed(component(vecSection(8, 1, 0x01, 0x01, 0x00, 0x00)), 12, "expected func sort after canon lower 0x00, found 0x01");
    assertMalformed(component(vecSection(8, 1, 0x2e)), 11, "expected canonical definition (0x00 to 0x04), found 0x2e");
    assertMalformed(component(vecSection(8, 1, 0x01, 0x00, 0x00, 0x01, 0x09)), 15, "expected canonical option (0x00 to 0x05), found 0x09");
  }

  @Test
  void coreTypes() {
    assertMalformed(component(vecSection(3, 1, 0x00, 0x50, 0x00, 0x60, 0x00, 0x00)), 11, "GC types are not supported (core subtype 0x00 0x50)");
    assertMalformed(component(vecSection(3, 1, 0x5f, 0x00)), 11, "GC types are not supported (core type opcode 0x5f)");
    assertMalformed(component(vecSection(3, 1, 0x4e, 0x00)), 11, "GC types are not supported");
    assertMalformed(component(vecSection(3, 1, 0x61)), 11, "expected core type 0x60 (func) or 0x50 (module), found 0x61");
    assertMalformed(component(vecSection(3, 1, 0x60, 0x01, 0x6e, 0x00)), 13, "GC reference types are not supported (0x6e)");
    assertMalformed(component(vecSection(3, 1, 0x60, 0x01, 0x64, 0x70, 0x00)), 13, "non-nullable reference types");
    assertMalformed(component(vecSection(3, 1, 0x60, 0x01, 0x42, 0x00)), 13, "expected a core value type, found 0x42");
    assertMalformed(component(vecSection(3, 1, 0x50, 0x01, 0x04, 0x60, 0x00, 0x00)), 13, "expected module type declaration (0x00 to 0x03), found 0x04");
    assertMalformed(component(vecSection(3, 1, 0x50, 0x01, 0x02, 0x00, 0x01, 0x01, 0x00)), 14, "expected outer alias kind 0x10 (type), found 0x00");
    assertMalformed(component(vecSection(3, 1, 0x50, 0x01, 0x02, 0x10, 0x00, 0x01, 0x00)), 15, "expected outer alias target 0x01 (outer), found 0x00");
    byte[] memoryImport = bytes(0x50, 0x01, 0x00, name("m"), name("n"), 0x02);
    assertMalformed(component(vecSection(3, 1, memoryImport, 0x08, 0x01, 0x10)), 19, "custom page sizes are not supported");
    assertMalformed(component(vecSection(3, 1, memoryImport, 0x10, 0x01)), 19, "expected memory limits flags 0x00 to 0x07, found 0x10");
    byte[] globalImport = bytes(0x50, 0x01, 0x00, name("m"), name("n"), 0x03, 0x7f);
    assertMalformed(component(vecSection(3, 1, globalImport, 0x02)), 20, "shared globals are not supported");
    byte[] tableImport = bytes(0x50, 0x01, 0x00, name("m"), name("n"), 0x01);
    assertMalformed(component(vecSection(3, 1, tableImport, 0x7f, 0x00, 0x01)), 19, "table element type must be a reference type");
    assertMalformed(component(vecSection(3, 1, tableImport, 0x70, 0x04, 0x01)), 20, "64-bit and shared tables are not supported");
    assertMalformed(component(vecSection(3, 1, bytes(0x50, 0x01, 0x00, name("m"), name("n"), 0x04, 0x01, 0x00))), 19, "expected tag attribute 0x00, found 0x01");
  }

  @Test
  void laterComponentModelFeaturesAreRefused() {
    assertMalformed(component(vecSection(7, 1, 0x66, 0x01, 0x7d)), 11, "stream type (0x66) is not supported in WASI 0.2");
    assertMalformed(component(vecSection(7, 1, 0x65, 0x00)), 11, "future type (0x65) is not supported in WASI 0.2");
    assertMalformed(component(vecSection(7, 1, 0x64)), 11, "error-context type (0x64) is not supported in WASI 0.2");
    assertMalformed(component(vecSection(7, 1, 0x70, 0x64)), 12, "error-context type (0x64)");
    assertMalformed(component(vecSection(7, 1, 0x67, 0x7d, 0x03)), 11, "fixed-length list type (0x67) is not supported");
    assertMalformed(component(vecSection(7, 1, 0x63, 0x73, 0x79)), 11, "map type (0x63) is not supported");
    assertMalformed(component(vecSection(7, 1, 0x43, 0x00, 0x01, 0x00)), 11, "async func type (0x43) is not supported");
    assertMalformed(component(vecSection(8, 1, 0x09, 0x01, 0x00, 0x00)), 11, "async (0.3) canon task.return (0x09) is not supported in WASI 0.2");
    assertMalformed(component(vecSection(8, 1, 0x0e, 0x00)), 11, "async (0.3) canon stream.new (0x0e)");
    assertMalformed(component(vecSection(8, 1, 0x1c, 0x00)), 11, "canon error-context.new (0x1c)");
    assertMalformed(component(vecSection(8, 1, 0x07, 0x00)), 11, "canon resource.drop async (0x07)");
    assertMalformed(component(vecSection(8, 1, 0x40, 0x00, 0x00)), 11, "threads canon thread.spawn-ref (0x40)");
    assertMalformed(component(vecSection(8, 1, 0x01, 0x00, 0x00, 0x01, 0x06)), 15, "async (0.3) canon option async (0x06) is not supported in WASI 0.2");
    assertMalformed(component(vecSection(8, 1, 0x00, 0x00, 0x00, 0x01, 0x07, 0x00, 0x00)), 15, "canon option callback (0x07)");
    assertMalformed(component(vecSection(12, 1, 0x7f, 0x01, 0x01)), 8, "value section (12");
  }

  @Test
  void nestingTooDeep() throws ComponentException {
    byte[] inner = PREAMBLE;
    for (int i = 0; i < 100; i++) {
      inner = component(section(4, inner));
    }
    ComponentException e = assertMalformed(inner, -1, "nesting too deep");
    assertTrue(e.offset() > 0 && e.offset() < inner.length);

    byte[] type = bytes(0x42, 0x00);
    for (int i = 0; i < 100; i++) {
      type = bytes(0x42, 0x01, 0x01, type); // an instance type declaring one type: the next one
    }
    assertMalformed(component(vecSection(7, 1, type)), -1, "nesting too deep");

    byte[] module = bytes(0x50, 0x00);
    for (int i = 0; i < 100; i++) {
      module = bytes(0x50, 0x01, 0x01, module);
    }
    assertMalformed(component(vecSection(3, 1, module)), -1, "nesting too deep");

    // real components nest a few levels: that still decodes
    byte[] shallow = PREAMBLE;
    for (int i = 0; i < 10; i++) {
      shallow = component(section(4, shallow));
    }
    ComponentDecoder.decode(shallow);
  }

  @Test
  void nestedPreambles() {
    assertMalformed(component(section(4, 0x00, "asm", 0x0c, 0x00, 0x01, 0x00)), 14, "unknown binary version");
    assertMalformed(component(section(4, emptyCoreModule())), 14, "expected a nested component, found a core module preamble");
    assertMalformed(component(section(1, PREAMBLE)), 14, "expected a version header for a module, found a component preamble");
    assertMalformed(component(section(1, 0x00, "asm", 0x02, 0x00, 0x00, 0x00)), 14, "expected core module version");
    assertMalformed(component(section(1, 0x00, "as")), 13, "expected 8 bytes of core module preamble, 3 left");
    // core sections out of order (type after data), then a bad core section id
    assertMalformed(
        component(section(1, emptyCoreModule(), 0x01, 0x01, 0x00, 0x0b, 0x01, 0x00, 0x01, 0x01, 0x00)), 24, "core section 1 out of order (after section 11)");
    assertMalformed(component(section(1, emptyCoreModule(), 0x0e, 0x00)), 18, "expected core section id (0 to 13), found 0x0e");
    assertMalformed(component(section(1, emptyCoreModule(), 0x01, 0x05, 0x00)), 18, "core section size 5 runs past the end");
  }

  @Test
  void indicesTooLargeToNameAnything() {
    ComponentException e =
        assertThrows(
            ComponentException.class,
            () -> ComponentDecoder.decode(component(vecSection(7, 1, 0x69, 0xff, 0xff, 0xff, 0xff, 0x0f))));
    assertEquals(ComponentException.Kind.INVALID, e.kind());
    assertEquals(12, e.offset());
  }

  @Test
  void nameSectionIsLenient() throws ComponentException {
    // binary.wast: garbage in component-name sections, even repeated, is fine
    ComponentAst ast =
        ComponentDecoder.decode(
            component(section(0, name("component-name"), 0xff, 0xfe, 0x01), section(0, name("component-name"), 0x99)));
    assertNull(ast.names());
    // a well-formed one after a malformed one is used
    byte[] good = section(0, name("component-name"), 0x00, 0x02, name("c"), 0x01, 0x05, 0x03, 0x01, 0x00, name("t"));
    ast = ComponentDecoder.decode(component(section(0, name("component-name"), 0x01, 0x7f), good));
    assertNotNull(ast.names());
    assertEquals("c", ast.names().componentName());
    assertEquals("t", ast.names().name(Sort.TYPE, 0));
    // an unknown subsection is skipped; other custom sections are skipped whole
    ast = ComponentDecoder.decode(component(section(0, name("component-name"), 0x07, 0x01, 0x00), section(0, name("producers"), 0x01, 0x02)));
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
    assertEquals(new DefType.ListDef(new TypeRef.Index(1)), ((Definition.TypeDef) ast.definitions().get(2)).type());
    assertEquals(List.of(), ((Definition.NestedComponentDef) ast.definitions().get(3)).component().definitions());

    // start (🪙): f, args, result count; value imports with both bounds
    ast =
        ComponentDecoder.decode(
            component(
                section(9, 0x00, 0x02, 0x00, 0x01, 0x01),
                vecSection(10, 2, 0x00, name("v"), 0x02, 0x01, 0x73, 0x00, name("w"), 0x02, 0x00, 0x00)));
    assertEquals(new Definition.StartDef(0, List.of(0, 1), 1, 10), ast.definitions().get(0));
    assertEquals(new ExternDesc.ValueDesc(new TypeRef.Primitive(PrimitiveType.STRING)),
        ((Definition.ImportDef) ast.definitions().get(1)).desc());
    assertEquals(new ExternDesc.ValueEqDesc(0), ((Definition.ImportDef) ast.definitions().get(2)).desc());

    // the 0x01 name form is the same as 0x00 (Binary.md, "warts")
    ast = ComponentDecoder.decode(component(vecSection(10, 1, 0x01, name("f"), 0x01, 0x00)));
    assertEquals(ExternName.of("f"), ((Definition.ImportDef) ast.definitions().get(0)).name());

    // core reference shorthands and their (ref null ...) spellings, exnref
    ast = ComponentDecoder.decode(component(vecSection(3, 1, 0x60, 0x04, 0x63, 0x70, 0x63, 0x6f, 0x69, 0x63, 0x69, 0x00)));
    assertEquals(
        new CoreDefType.CoreFuncType(
            List.of(CoreValType.FUNCREF, CoreValType.EXTERNREF, CoreValType.EXNREF, CoreValType.EXNREF),
            List.of()),
        ((Definition.CoreTypeDef) ast.definitions().get(0)).type());
  }

  @Test
  void noOtherExceptionOnNull() {
    try {
      ComponentDecoder.decode(null);
      fail();
    } catch (NullPointerException expected) {
      // documented: a null array is a caller bug, not a malformed component
    } catch (ComponentException e) {
      fail(e);
    }
  }
}
