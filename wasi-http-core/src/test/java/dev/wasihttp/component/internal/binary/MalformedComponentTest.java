package dev.wasihttp.component.internal.binary;

import static dev.wasihttp.component.internal.binary.Binaries.PREAMBLE;
import static dev.wasihttp.component.internal.binary.Binaries.bytes;
import static dev.wasihttp.component.internal.binary.Binaries.component;
import static dev.wasihttp.component.internal.binary.Binaries.emptyCoreModule;
import static dev.wasihttp.component.internal.binary.Binaries.section;
import static dev.wasihttp.component.internal.binary.Binaries.vecSection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wasihttp.component.errors.ComponentException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Malformed binaries: each must fail with a MALFORMED {@link ComponentException} at the right
 * offset and with a message that says what was expected and what was found. Cases follow {@code
 * test/binary/binary.wast} of the component-model repository where it has one.
 */
class MalformedComponentTest {

  static ComponentException assertMalformed(byte[] bin, long offset, String fragment) {
    ComponentException e =
        assertThrows(ComponentException.class, () -> ComponentDecoder.decode(bin));
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
    assertMalformed(
        component(0x07, 0x03, 0x00), 8, "section size 3 runs past the end (1 bytes left)");
    assertMalformed(
        component(0x07, 0x05, 0x01, 0x73), 8, "section size 5 runs past the end (2 bytes left)");
    // type section of 2 bytes holding one 1-byte type and a stray byte
    assertMalformed(
        component(0x07, 0x03, 0x01, 0x73, 0x73),
        12,
        "section 7 ends at 0xd but its content ended at 0xc");
    // binary.wast: a type section of size 1 holding a count of one, then the type outside it
    assertMalformed(
        component(0x07, 0x01, 0x01, 0x73), 10, "1 types cannot fit in the 0 bytes left");
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
        component(vecSection(7, 1, 0x70, 0xff, 0x7f)),
        12,
        "expected a value type, found the negative s33 -1");
    assertMalformed(
        component(vecSection(7, 1, 0x70, 0xff, 0xff, 0xff, 0xff, 0x2f)),
        12,
        "LEB128 s33 too large");
    assertMalformed(
        component(vecSection(7, 1, 0x70, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00)),
        12,
        "LEB128 s33 too long");
  }

  @Test
  void utf8Names() {
    assertMalformed(
        component(section(0, 0x02, 0xff, 0xfe)), 11, "custom section name is not valid UTF-8");
    assertMalformed(
        component(section(0, 0x05, 'a', 'b')),
        11,
        "expected 5 bytes of custom section name, 2 left");
    byte[] importOf = bytes(vecSection(7, 1, 0x40, 0x00, 0x01, 0x00));
    // overlong "/" (0xc0 0xaf) and a UTF-16 surrogate (0xed 0xa0 0x80) are not UTF-8
    assertMalformed(
        component(importOf, vecSection(10, 1, 0x00, 0x02, 0xc0, 0xaf, 0x01, 0x00)),
        20,
        "extern name is not valid UTF-8");
    assertMalformed(
        component(importOf, vecSection(10, 1, 0x00, 0x03, 0xed, 0xa0, 0x80, 0x01, 0x00)),
        20,
        "not valid UTF-8");
    assertMalformed(
        component(vecSection(10, 1, 0x00, 0x7f, 'a', 'b')),
        13,
        "expected 127 bytes of extern name, 2 left");
  }

  @Test
  void vectorCountsLargerThanTheBytesLeft() {
    assertMalformed(
        component(section(7, 0xbf, 0x84, 0x3d, 0x73)),
        10,
        "999999 types cannot fit in the 1 bytes left");
    assertMalformed(
        component(section(7, 0xff, 0xff, 0xff, 0xff, 0x0f)), 10, "4294967295 types cannot fit");
    assertMalformed(
        component(vecSection(7, 2, 0x73)), 10, "2 types cannot fit in the 1 bytes left");
    assertMalformed(
        component(vecSection(7, 2, 0x73, 0x70)), 13, "unexpected end: expected value type, 0 left");
    // record fields take at least two bytes each
    assertMalformed(
        component(vecSection(7, 1, 0x72, 0x03, 0x01, 'a', 0x73)), 12, "3 record fields cannot fit");
    assertMalformed(
        component(vecSection(2, 1, 0x01, 0x7f)), 12, "127 core inline exports cannot fit");
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
    assertMalformed(
        component(section(4, 0x00, "asm", 0x0c, 0x00, 0x01, 0x00)), 14, "unknown binary version");
    assertMalformed(
        component(section(4, emptyCoreModule())),
        14,
        "expected a nested component, found a core module preamble");
    assertMalformed(
        component(section(1, PREAMBLE)),
        14,
        "expected a version header for a module, found a component preamble");
    assertMalformed(
        component(section(1, 0x00, "asm", 0x02, 0x00, 0x00, 0x00)),
        14,
        "expected core module version");
    assertMalformed(
        component(section(1, 0x00, "as")), 13, "expected 8 bytes of core module preamble, 3 left");
    // core sections out of order (type after data), then a bad core section id
    assertMalformed(
        component(
            section(1, emptyCoreModule(), 0x01, 0x01, 0x00, 0x0b, 0x01, 0x00, 0x01, 0x01, 0x00)),
        24,
        "core section 1 out of order (after section 11)");
    assertMalformed(
        component(section(1, emptyCoreModule(), 0x0e, 0x00)),
        18,
        "expected core section id (0 to 13), found 0x0e");
    assertMalformed(
        component(section(1, emptyCoreModule(), 0x01, 0x05, 0x00)),
        18,
        "core section size 5 runs past the end");
  }

  @Test
  void indicesTooLargeToNameAnything() {
    ComponentException e =
        assertThrows(
            ComponentException.class,
            () ->
                ComponentDecoder.decode(
                    component(vecSection(7, 1, 0x69, 0xff, 0xff, 0xff, 0xff, 0x0f))));
    assertEquals(ComponentException.Kind.INVALID, e.kind());
    assertEquals(12, e.offset());
    // a start definition returning more values than the binary has bytes
    e =
        assertThrows(
            ComponentException.class,
            () ->
                ComponentDecoder.decode(
                    component(section(9, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0x0f))));
    assertEquals(ComponentException.Kind.INVALID, e.kind());
    assertTrue(e.getMessage().contains("start result count 4294967295 is out of range"));
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
