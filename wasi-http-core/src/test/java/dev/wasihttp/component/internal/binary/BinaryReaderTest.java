package dev.wasihttp.component.internal.binary;

import static dev.wasihttp.component.internal.binary.Binaries.bytes;
import static dev.wasihttp.component.internal.binary.Binaries.leb;
import static dev.wasihttp.component.internal.binary.Binaries.sleb;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.component.errors.ComponentException;
import org.junit.jupiter.api.Test;

/** LEB128, names and bounds at the edges (core spec, "Integers" and "Names"). */
class BinaryReaderTest {

  static BinaryReader reader(Object... parts) {
    return BinaryReader.of(bytes(parts));
  }

  static String malformed(BinaryReader r, Op op) {
    ComponentException e = assertThrows(ComponentException.class, () -> op.run(r));
    assertEquals(ComponentException.Kind.MALFORMED, e.kind());
    return e.detail();
  }

  interface Op {
    void run(BinaryReader r) throws ComponentException;
  }

  @Test
  void u32() throws ComponentException {
    for (long v : new long[] {0, 1, 63, 64, 127, 128, 16_383, 16_384, 0x7fff_ffffL, 0xffff_ffffL}) {
      BinaryReader r = reader(leb(v));
      assertEquals(v, r.u32("n"));
      assertTrue(r.atEnd());
    }
    assertEquals(5, reader(0x85, 0x80, 0x80, 0x80, 0x00).u32("n"));
    assertEquals(0xffff_ffffL, reader(0xff, 0xff, 0xff, 0xff, 0x0f).u32("n"));
    assertTrue(
        malformed(reader(0xff, 0xff, 0xff, 0xff, 0x1f), r -> r.u32("n")).contains("too large"));
    assertTrue(
        malformed(reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x00), r -> r.u32("n"))
            .contains("too long"));
    assertTrue(
        malformed(reader(0x80, 0x80), r -> r.u32("n")).contains("unexpected end in LEB128 n"));
    assertEquals("unexpected end: expected n, 0 left", malformed(reader(), r -> r.u32("n")));
  }

  @Test
  void s33() throws ComponentException {
    for (long v : new long[] {0, 1, -1, 63, -64, 64, -65, 0xffff_ffffL, -(1L << 32)}) {
      BinaryReader r = reader(sleb(v));
      assertEquals(v, r.s33("t"), "s33 " + v);
      assertTrue(r.atEnd());
    }
    // 64 is two bytes as s33; the one byte 0x40 is -64
    assertEquals(-64, reader(0x40).s33("t"));
    assertEquals(64, reader(0xc0, 0x00).s33("t"));
    assertTrue(
        malformed(reader(0xff, 0xff, 0xff, 0xff, 0x3f), r -> r.s33("t")).contains("too large"));
    assertTrue(
        malformed(reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x00), r -> r.s33("t"))
            .contains("too long"));
  }

  @Test
  void u64() throws ComponentException {
    assertEquals(-1L, reader(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01).u64("n"));
    assertEquals(1L << 40, reader(leb(1L << 40)).u64("n"));
    assertTrue(
        malformed(
                reader(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02), r -> r.u64("n"))
            .contains("too large"));
  }

  @Test
  void namesAndCounts() throws ComponentException {
    assertEquals("wasi:http/types@0.2.3", reader(Binaries.name("wasi:http/types@0.2.3")).name("n"));
    assertEquals("\u2603", reader(3, 0xe2, 0x98, 0x83).name("n"));
    assertEquals(
        "unexpected end: expected 12 bytes of name, 3 left",
        malformed(reader(12, 'a', 'b', 'c'), r -> r.name("name")));
    assertTrue(malformed(reader(2, 0xc3, 0x28), r -> r.name("n")).contains("not valid UTF-8"));
    assertTrue(
        malformed(reader(4, 0xf4, 0x90, 0x80, 0x80), r -> r.name("n")).contains("not valid UTF-8"));
    assertEquals(3, reader(3, 1, 2, 3).count("xs"));
    assertTrue(
        malformed(reader(4, 1, 2, 3), r -> r.count("xs"))
            .contains("4 xs cannot fit in the 3 bytes left"));
    assertTrue(malformed(reader(2, 1, 2, 3), r -> r.count("xs", 2)).contains("cannot fit"));
  }

  @Test
  void windows() throws ComponentException {
    BinaryReader r = reader(1, 2, 3, 4);
    BinaryReader w = r.window(2, "section", 0);
    assertEquals(2, r.position());
    assertEquals(1, w.u8("b"));
    assertEquals(
        "section ends at 0x2 but its content ended at 0x1",
        malformed(w, x -> x.expectEnd("section")));
    assertEquals(
        "section size 9 runs past the end (2 bytes left)",
        malformed(r, x -> x.window(9, "section", 0)));
  }
}
