package dev.wasihttp.component.internal.engine;

import java.io.ByteArrayOutputStream;

/** Test helpers: small hand-assembled core modules. */
final class ModuleBytes {
  private ModuleBytes() {}

  /** A core module of the given sections. */
  static byte[] module(byte[]... sections) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00});
    for (byte[] s : sections) {
      out.writeBytes(s);
    }
    return out.toByteArray();
  }

  /** A section whose content (under 128 bytes) is the given bytes. */
  static byte[] section(int id, int... content) {
    byte[] s = new byte[content.length + 2];
    s[0] = (byte) id;
    s[1] = (byte) content.length;
    for (int i = 0; i < content.length; i++) {
      s[i + 2] = (byte) content[i];
    }
    return s;
  }
}
