package dev.wasihttp.component.internal.binary;

import static dev.wasihttp.component.internal.binary.BinaryReader.hex;
import static dev.wasihttp.component.internal.binary.BinaryReader.malformed;

import dev.wasihttp.component.errors.ComponentException;

/**
 * A shallow check of a core module section (Binary.md, section 1): the core preamble and the
 * framing and order of its sections (core spec, "Modules"). The contents are left to the core
 * engine, which parses the module later; checking the frame here puts framing errors at their
 * offset in the component binary.
 */
final class CoreModuleScanner {
  private CoreModuleScanner() {}

  /**
   * Rank of each core section id in the order the core spec requires (custom sections, id 0, may
   * appear anywhere): type, import, function, table, memory, tag (13), global, export, start,
   * element, data count (12), code, data.
   */
  private static final int[] ORDER = {0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 12, 13, 11, 6};

  /** Checks the module in {@code r} and consumes it. */
  static void check(BinaryReader r) throws ComponentException {
    int at = r.position();
    byte[] d = r.data();
    if (r.remaining() < 8) {
      throw malformed(
          r.end(),
          "unexpected end: expected 8 bytes of core module preamble, " + r.remaining() + " left");
    }
    if (d[at] != 0 || d[at + 1] != 'a' || d[at + 2] != 's' || d[at + 3] != 'm') {
      throw malformed(at, "expected core module magic \\0asm, found " + bytes(d, at));
    }
    int version = (d[at + 4] & 0xff) | (d[at + 5] & 0xff) << 8;
    int layer = (d[at + 6] & 0xff) | (d[at + 7] & 0xff) << 8;
    if (layer != 0 || version != 1) {
      throw malformed(
          at + 4,
          layer == 1
              ? "expected a version header for a module, found a component preamble"
              : "expected core module version 0x01 0x00 0x00 0x00, found " + bytes(d, at + 4));
    }
    r.skip(8, "core module preamble");
    int last = 0;
    int lastId = 0;
    while (!r.atEnd()) {
      int sectionAt = r.position();
      int id = r.u8("core section id");
      if (id >= ORDER.length) {
        throw malformed(sectionAt, "expected core section id (0 to 13), found " + hex(id));
      }
      long size = r.u32("core section size");
      BinaryReader s = r.window(size, "core section", sectionAt);
      if (id == 0) {
        s.name("core custom section name");
      } else {
        if (ORDER[id] <= last) {
          throw malformed(
              sectionAt, "core section " + id + " out of order (after section " + lastId + ")");
        }
        last = ORDER[id];
        lastId = id;
      }
    }
  }

  private static String bytes(byte[] d, int at) {
    return String.format(
        "0x%02x 0x%02x 0x%02x 0x%02x",
        d[at] & 0xff, d[at + 1] & 0xff, d[at + 2] & 0xff, d[at + 3] & 0xff);
  }
}
